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

    private typealias Slot = (name: String, slot: UnsafeMutablePointer<UnsafeMutableRawPointer?>)

    private let host: UnsafeMutableRawPointer?
    private let slots: [Slot]
    /// Spare slots given to functions added while the program runs
    /// (`HotPartSpares`), in the order they were given.
    private var spares: [Slot] = []

    /// Finds every slot in the loaded host (or, with a nil handle, in the
    /// executable itself).
    public init(host handle: UnsafeMutableRawPointer?, hotFunctions: [HotFunctionInfo]) throws {
        host = handle
        slots = try hotFunctions.map { try Self.find($0, in: handle) }
    }

    private static func find(_ function: HotFunctionInfo, in handle: UnsafeMutableRawPointer?) throws -> Slot {
        guard let address = dlsym(handle, function.slotSymbol) else { throw Failure.missingSlot(function.slotSymbol) }
        return (function.name, address.assumingMemoryBound(to: UnsafeMutableRawPointer?.self))
    }

    /// Takes in the spare slots of the functions of a new version that the
    /// table does not know yet.
    mutating func addSpares(of functions: [HotFunctionInfo]) throws {
        for function in functions where !slots.contains(where: { $0.name == function.name }) && !spares.contains(where: { $0.name == function.name }) {
            spares.append(try Self.find(function, in: host))
        }
    }

    /// Points every slot at `version`, which holds every hot function: a
    /// whole swap, as the micro-benchmarks (Benchmarks/) time it from outside
    /// the module.
    public func point(toWhole version: LoadedVersion) {
        point(to: SlotAssignment(whole: version, digests: [:]))
    }

    /// Points every slot at the function in the version `assignment` names
    /// for it, or at its tracing trampoline for the functions in `traced`.
    /// Spares first: a function that makes values of a new function (a
    /// closure) must not run before the spare those values name points at it.
    func point(to assignment: SlotAssignment, traced: Set<String> = []) {
        Self.point(spares, to: assignment, traced: traced)
        Self.point(slots, to: assignment, traced: traced)
    }

    private static func point(_ slots: [Slot], to assignment: SlotAssignment, traced: Set<String>) {
        for (name, slot) in slots {
            guard let version = assignment.code[name] else { continue }
            let target = traced.contains(name) ? (version.traceEntryPoints[name] ?? version.entryPoints[name]) : version.entryPoints[name]
            hot_slot_store(slot, target)
        }
    }
}
