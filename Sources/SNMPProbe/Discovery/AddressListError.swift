/// An address list of `vedetta discover` that cannot be used: an item that is not an address, a block or range
/// written wrong, or more addresses than one run may ask. The message names the item.
public struct AddressListError: Error, CustomStringConvertible {
    /// What is wrong with which item, and what to write instead.
    public var message: String

    init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
