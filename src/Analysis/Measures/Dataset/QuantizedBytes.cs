namespace CapacityGrid.Analysis.Measures.Dataset;

/// <summary>
/// A dataset's features as one byte per value, row-major (sample after sample, as in an IDX file).
/// </summary>
/// <param name="Bytes">Samples x features bytes.</param>
/// <param name="Samples">Number of rows.</param>
/// <param name="Raw">True when the values were already integers in 0..255 and were copied unchanged.</param>
public sealed record QuantizedBytes(byte[] Bytes, int Samples, bool Raw);
