public import VedettaCore

extension AlertRule {
    /// The labels of the alert this rule raises for one series: the series labels, then the rule's `labels`,
    /// then `alertname` (the rule name) and `severity`, each replacing a label of the same name before it.
    ///
    /// - Parameter seriesLabels: The labels of a ``SeriesResult``.
    /// - Returns: The alert's labels, which identify it together with the rule name.
    public func alertLabels(for seriesLabels: LabelSet) -> LabelSet {
        var labels = seriesLabels.merging(self.labels)
        labels["alertname"] = name
        labels["severity"] = severity.rawValue
        return labels
    }
}
