/// The newer spelling's `Map<K, V>` and `List<T>`: types written in Vais
/// (`std/map.vais`, `std/list.vais`) that a program gets by naming them,
/// without an import.
public enum CollectionTypes {
    /// The file of the standard library folder that declares each type.
    public static let files = ["Map": "map.vais", "List": "list.vais"]

    /// Asked of every generic type the parser reads: two compares of small
    /// strings, no hashing.
    @inline(__always)
    public static func isCollection(_ name: String) -> Bool {
        name == "Map" || name == "List"
    }
}
