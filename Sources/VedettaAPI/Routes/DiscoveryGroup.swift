/// One entry of Prometheus's HTTP service discovery format: a device, scraped at its own path on the agent.
///
/// ```json
/// {"targets": ["vedetta.example:9470"],
///  "labels": {"__metrics_path__": "/metrics/devices/core-sw", "__meta_vedetta_device": "core-sw",
///             "__meta_vedetta_label_site": "milano"}}
/// ```
///
/// The target is the address Prometheus used to reach the discovery endpoint (its `Host`), so the same agent
/// serves the scrapes; `__metrics_path__` selects the device. Every device label is a `__meta_vedetta_label_*`
/// label for relabelling; the samples themselves already carry `device` and the device's labels.
struct DiscoveryGroup: Encodable {
    let targets: [String]
    let labels: [String: String]

    init(_ target: DiscoveryTarget, address: String) {
        targets = [address]
        var labels = ["__metrics_path__": "/metrics/devices/\(target.device)"]
        labels["__meta_vedetta_device"] = target.device
        for (name, value) in target.labels {
            labels["__meta_vedetta_label_\(name)"] = value
        }
        self.labels = labels
    }
}
