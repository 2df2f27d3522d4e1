public import Foundation

extension F5Frame {
    /// The frame's bytes on the wire: 4-byte little-endian header length, header, little-endian float32 payload.
    public func encoded() throws(F5ProtocolError) -> Data {
        guard header.count <= F5ProtocolLimits.maxHeaderBytes else { throw .headerTooLarge(header.count) }
        let payloadBytes = payload.count * 4
        guard payloadBytes <= F5ProtocolLimits.maxPayloadBytes else { throw .payloadTooLarge(payloadBytes) }
        var data = Data(capacity: 4 + header.count + payloadBytes)
        withUnsafeBytes(of: UInt32(header.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(header)
        if !payload.isEmpty {
            let littleEndian = payload.map { $0.bitPattern.littleEndian }
            littleEndian.withUnsafeBytes { data.append(contentsOf: $0) }
        }
        return data
    }
}
