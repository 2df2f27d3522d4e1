/// A message from the worker, decoded by its `kind`.
public enum F5WorkerMessage: Sendable, Equatable {
    case ready(F5ReadyReply)
    /// An item's audio and its samples.
    case audio(F5AudioReply, [Float])
    case done(F5DoneReply)
    case error(F5ErrorReply)
    case stats(F5StatsReply)

    /// Decodes `frame`; throws for kinds a worker never sends.
    public init(_ frame: F5Frame) throws(F5ProtocolError) {
        switch frame.kind {
        case F5ReadyReply.kind: self = .ready(try frame.decode(F5ReadyReply.self))
        case F5AudioReply.kind: self = .audio(try frame.decode(F5AudioReply.self), frame.payload)
        case F5DoneReply.kind: self = .done(try frame.decode(F5DoneReply.self))
        case F5ErrorReply.kind: self = .error(try frame.decode(F5ErrorReply.self))
        case F5StatsReply.kind: self = .stats(try frame.decode(F5StatsReply.self))
        default: throw .unexpected(frame.kind)
        }
    }

    /// The `id` of the request this answers.
    public var id: Int {
        switch self {
        case .ready(let reply): reply.id
        case .audio(let reply, _): reply.id
        case .done(let reply): reply.id
        case .error(let reply): reply.id
        case .stats(let reply): reply.id
        }
    }

    /// Whether this is the last reply a request gets: `done`, or an `error` without `item_id`.
    public var endsRequest: Bool {
        switch self {
        case .done: true
        case .error(let reply): reply.itemID == nil
        default: false
        }
    }
}
