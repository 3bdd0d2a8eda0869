/// The newer spelling's `Map<K, V>` and `List<T>`: types written in Vais
/// (`std/map.vais`, `std/list.vais`) that a program gets by naming them,
/// without an import.
public enum CollectionTypes {
    /// Each type's name, by the standard module that declares it.
    public static let modules = ["Map": "std/map", "List": "std/list"]

    /// Asked of every generic type the parser reads: two compares of small
    /// strings, no hashing.
    @inline(__always)
    public static func isCollection(_ name: String) -> Bool {
        name == "Map" || name == "List"
    }
}
