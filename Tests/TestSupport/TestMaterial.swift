import Foundation

/// Lists the `.vais` files a parameterized test runs over.
public enum TestMaterial {
    /// The names of the `.vais` files in `folder`, sorted. A folder that is
    /// missing, or empty when it must not be, yields one name that is not
    /// there, saying why: the test that reads it then fails, naming the
    /// folder, instead of passing with zero cases.
    public static func vaisFiles(in folder: URL, mayBeEmpty: Bool = false) -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".vais") }.sorted()
        } catch {
            return ["(folder missing: \(folder.path)).vais"]
        }
        return names.isEmpty && !mayBeEmpty ? ["(no .vais files in \(folder.path)).vais"] : names
    }
}
