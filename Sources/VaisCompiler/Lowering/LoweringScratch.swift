/// What one lowering thread writes its functions with, kept from function
/// to function so that each starts without allocating: the body and the
/// entry block's buffers, the arena of names, the table of where each
/// local is, and the arguments of the calls being lowered.
final class LoweringScratch {
    let body = IRBuffer(capacity: 64 * 1024)
    let allocas = IRBuffer(capacity: 4096)
    let arena = IRArena()
    /// The arguments of the calls being lowered, innermost last: a call
    /// lowers its list onto the end and drops it once the call is
    /// written, so no list is allocated per call.
    @exclusivity(unchecked) var arguments: [(type: TypeID, value: IRPiece)] = []
    private var places: UnsafeMutablePointer<IRPiece?>
    private var placeCapacity = 256

    init() {
        places = .allocate(capacity: placeCapacity)
        arguments.reserveCapacity(64)
    }

    deinit { places.deallocate() }

    /// Room for the places of `count` locals, none placed yet.
    func places(count: Int) -> UnsafeMutablePointer<IRPiece?> {
        if count > placeCapacity {
            places.deallocate()
            placeCapacity = max(count, placeCapacity * 2)
            places = .allocate(capacity: placeCapacity)
        }
        places.initialize(repeating: nil, count: count)
        return places
    }
}
