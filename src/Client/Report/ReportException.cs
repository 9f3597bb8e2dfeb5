namespace CapacityGrid.Client.Report;

/// <summary>A report cannot be written: a missing plotting library or an unreadable map. The message says how to fix it.</summary>
public sealed class ReportException(string message) : Exception(message);
