import Logging
public import ServiceLifecycle

/// Runs the alerting core as a service: takes reports from the ``ReportQueue`` and hands each to the
/// ``AlertingPipeline``, until graceful shutdown.
public struct AlertingService: Service {
    /// Where the poller puts reports.
    public let queue: ReportQueue
    /// The stages.
    public let pipeline: AlertingPipeline

    /// Creates the service.
    /// - Parameters:
    ///   - queue: The report queue the poller fills.
    ///   - pipeline: The alerting pipeline.
    public init(queue: ReportQueue, pipeline: AlertingPipeline) {
        self.queue = queue
        self.pipeline = pipeline
    }

    /// Processes reports until graceful shutdown; a report being processed is finished first.
    public func run() async throws {
        await withGracefulShutdownHandler {
            while let report = await queue.next() {
                await pipeline.process(report)
            }
        } onGracefulShutdown: {
            queue.finish()
        }
    }
}
