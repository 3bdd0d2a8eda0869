/// What one lowering thread writes its functions with, kept from function
/// to function so that each starts without allocating: the body and the
/// entry block's buffers, the arena of names, and the table of where each
/// local is.
final class LoweringScratch {
    let body = IRBuffer(capacity: 64 * 1024)
    let allocas = IRBuffer(capacity: 4096)
    let arena = IRArena()
    private var places: UnsafeMutablePointer<IRPiece?>
    private var placeCapacity = 256

    init() {
        places = .allocate(capacity: placeCapacity)
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
