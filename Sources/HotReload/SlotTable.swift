import CHotSupport
import Foundation
import VaisCompiler

/// The host's slots: one function pointer per hot function, which every
/// call of that function loads. A swap is one store per slot.
public struct SlotTable: @unchecked Sendable {
    public enum Failure: Error, CustomStringConvertible {
        case missingSlot(String)
        public var description: String {
            switch self {
            case .missingSlot(let name): return "the host part has no slot `\(name)`"
            }
        }
    }

    private let slots: [(name: String, slot: UnsafeMutablePointer<UnsafeMutableRawPointer?>)]

    /// Finds every slot in the loaded host (or, with a nil handle, in the
    /// executable itself).
    public init(host handle: UnsafeMutableRawPointer?, hotFunctions: [HotFunctionInfo]) throws {
        slots = try hotFunctions.map { function in
            guard let address = dlsym(handle, function.slotSymbol) else { throw Failure.missingSlot(function.slotSymbol) }
            return (function.name, address.assumingMemoryBound(to: UnsafeMutableRawPointer?.self))
        }
    }

    /// Points every slot at the function in the version `assignment` names
    /// for it, or at its tracing trampoline for the functions in `traced`.
    func point(to assignment: SlotAssignment, traced: Set<String> = []) {
        for (name, slot) in slots {
            guard let version = assignment.code[name] else { continue }
            let target = traced.contains(name) ? (version.traceEntryPoints[name] ?? version.entryPoints[name]) : version.entryPoints[name]
            hot_slot_store(slot, target)
        }
    }
}
