import HummingbirdCore
import Logging
import NIOCore

/// Closes a connection whose first request head has not fully arrived within the idle timeout.
///
/// Hummingbird's idle timer guards a connection once a request head is complete; with WebSocket upgrades enabled the
/// HTTP handlers are installed only then, so a client that sends half a head would hold its connection (and a file
/// descriptor) forever. This handler sits first in the pipeline, watches the bytes for the blank line that ends the
/// head, and leaves the pipeline once it has seen it.
final class RequestHeadDeadlineHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let timeout: TimeAmount
    private var timer: Scheduled<Void>?
    /// The last bytes of the previous read, so a `\r\n\r\n` split across reads is still found.
    private var carried: [UInt8] = []
    private static let headEnd: [UInt8] = Array("\r\n\r\n".utf8)

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(context)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = carried + Array(unwrapInboundIn(data).readableBytesView)
        context.fireChannelRead(data)
        if bytes.firstRange(of: Self.headEnd) != nil {
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        } else {
            carried = Array(bytes.suffix(Self.headEnd.count - 1))
        }
    }

    private func arm(_ context: ChannelHandlerContext) {
        guard timer == nil else { return }
        let channel = context.channel
        timer = context.eventLoop.scheduleTask(in: timeout) { channel.close(promise: nil) }
    }
}

/// A server child channel that installs ``RequestHeadDeadlineHandler`` in front of `inner`'s pipeline.
struct RequestHeadDeadlineChannel<Inner: ServerChildChannel>: ServerChildChannel {
    typealias Value = Inner.Value

    let inner: Inner
    let timeout: TimeAmount

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        // Child channels are set up on their own event loop, where the synchronous pipeline operations are allowed.
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(RequestHeadDeadlineHandler(timeout: timeout), position: .first)
        }
        .flatMap { inner.setup(channel: channel, logger: logger) }
    }

    func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}
