/// How long each phase of a transfer took, as phase lengths rather than curl's cumulative times
/// (blackbox_exporter style). The phases follow each other, so they add up to ``total``.
///
/// With redirects, each phase sums that phase over every request in the chain.
public struct HTTPTimings: Sendable, Hashable {
    /// Name resolution.
    public var resolve: Duration
    /// TCP connect, after resolution.
    public var connect: Duration
    /// TLS handshake, after connect; zero for plain HTTP.
    public var tls: Duration
    /// From the connection being ready to the first response byte (request sent, server thinking).
    public var firstByte: Duration
    /// From the first response byte to the end of the transfer.
    public var transfer: Duration
    /// The whole transfer.
    public var total: Duration

    /// Creates timings from phase lengths.
    /// - Parameters:
    ///   - resolve: Name resolution.
    ///   - connect: TCP connect.
    ///   - tls: TLS handshake.
    ///   - firstByte: Waiting for the first byte.
    ///   - transfer: Receiving the rest.
    ///   - total: The whole transfer.
    public init(
        resolve: Duration = .zero,
        connect: Duration = .zero,
        tls: Duration = .zero,
        firstByte: Duration = .zero,
        transfer: Duration = .zero,
        total: Duration = .zero
    ) {
        self.resolve = resolve
        self.connect = connect
        self.tls = tls
        self.firstByte = firstByte
        self.transfer = transfer
        self.total = total
    }

    /// Creates timings from curl's cumulative instants (`CURLINFO_*_TIME_T`), each measured from the start.
    ///
    /// A zero `tlsDone` means there was no TLS. curl leaves a time at zero when its phase did not happen;
    /// phases that would come out negative, and `transfer` without a first byte, are zero.
    /// - Parameters:
    ///   - resolved: `CURLINFO_NAMELOOKUP_TIME_T`.
    ///   - connected: `CURLINFO_CONNECT_TIME_T`.
    ///   - tlsDone: `CURLINFO_APPCONNECT_TIME_T`.
    ///   - firstByte: `CURLINFO_STARTTRANSFER_TIME_T`.
    ///   - end: `CURLINFO_TOTAL_TIME_T`.
    public init(
        resolvedAt resolved: Duration,
        connectedAt connected: Duration,
        tlsDoneAt tlsDone: Duration,
        firstByteAt firstByte: Duration,
        endedAt end: Duration
    ) {
        let ready = max(connected, tlsDone)
        self.init(
            resolve: max(resolved, .zero),
            connect: max(connected - resolved, .zero),
            tls: tlsDone > .zero ? max(tlsDone - connected, .zero) : .zero,
            firstByte: max(firstByte - ready, .zero),
            transfer: firstByte > .zero ? max(end - max(firstByte, ready), .zero) : .zero,
            total: max(end, .zero)
        )
    }
}
