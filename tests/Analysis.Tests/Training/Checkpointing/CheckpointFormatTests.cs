using System.Buffers.Binary;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Checkpointing;

namespace CapacityGrid.Analysis.Tests.Training.Checkpointing;

public sealed class CheckpointFormatTests
{
    private static TrainingCheckpoint Sample() => new(
        new MlpSpec(7, [5, 3], 2, "tanh"), "abc123", 4,
        new CheckpointMetrics(0.5, 0.75, 0.625, 0.7, null, null, TimeSpan.FromMilliseconds(1234)),
        double.PositiveInfinity, 0, [1, 2, 3], [4, 5], [6]);

    [Fact]
    public void Read_WhatWriteMade_GivesTheSameCheckpoint()
    {
        var original = Sample() with { Metrics = Sample().Metrics with { ValidationLoss = 0.25, ValidationAccuracy = 0.875 }, BestValidationLoss = 0.25, EpochsWithoutImprovement = 2 };

        var read = CheckpointFormat.Read(CheckpointFormat.Write(original));

        Assert.Equal(original.Spec.ToString(), read.Spec.ToString());
        Assert.Equal(original.Spec.HiddenWidths, read.Spec.HiddenWidths);
        Assert.Equal(original with { Spec = read.Spec, Weights = read.Weights, OptimizerState = read.OptimizerState, GeneratorState = read.GeneratorState }, read);
        Assert.Equal(original.Weights, read.Weights);
        Assert.Equal(original.OptimizerState, read.OptimizerState);
        Assert.Equal(original.GeneratorState, read.GeneratorState);
    }

    [Fact]
    public void Read_WithoutValidation_KeepsValidationMetricsNull()
    {
        var read = CheckpointFormat.Read(CheckpointFormat.Write(Sample()));

        Assert.Null(read.Metrics.ValidationLoss);
        Assert.Null(read.Metrics.ValidationAccuracy);
    }

    [Fact]
    public void Read_AnotherVersion_ThrowsNamingTheVersion()
    {
        var payload = CheckpointFormat.Write(Sample());
        BinaryPrimitives.WriteUInt16LittleEndian(payload.AsSpan(8), 2);

        var e = Assert.Throws<CheckpointFormatException>(() => CheckpointFormat.Read(payload));

        Assert.Contains("version 2", e.Message);
    }

    [Fact]
    public void Read_ForeignBytes_ThrowsNotOurs()
    {
        var e = Assert.Throws<CheckpointFormatException>(() => CheckpointFormat.Read("PK\u0003\u0004 a zip file, not ours"u8.ToArray()));

        Assert.Contains("not a CapacityGrid checkpoint", e.Message);
    }

    [Fact]
    public void Read_CutShort_ThrowsFormatException()
    {
        var payload = CheckpointFormat.Write(Sample());

        var e = Assert.Throws<CheckpointFormatException>(() => CheckpointFormat.Read(payload[..(payload.Length - 2)]));

        Assert.Contains("cut short", e.Message);
    }

    [Fact]
    public void Read_WhenOneByteWasChanged_ThrowsNamingTheSha256()
    {
        var payload = CheckpointFormat.Write(Sample());
        // The last weight byte (3), just before the OPTM section: the format still parses, only the hash can tell.
        var at = payload.AsSpan().IndexOf("OPTM"u8) - 1;
        Assert.Equal(3, payload[at]);
        payload[at] = 9;

        var e = Assert.Throws<CheckpointFormatException>(() => CheckpointFormat.Read(payload));

        Assert.Contains("SHA-256", e.Message);
        Assert.Contains("changed or damaged", e.Message);
    }

    [Fact]
    public void Read_OfACheckpointWrittenBeforeTheHashSection_StillReads()
    {
        // Drop the SHA2 section (tag, length, 32 bytes) and count one section fewer: the layout of earlier writers.
        var payload = CheckpointFormat.Write(Sample());
        var older = payload[..^(4 + 8 + 32)];
        var count = BinaryPrimitives.ReadUInt16LittleEndian(older.AsSpan(10));
        BinaryPrimitives.WriteUInt16LittleEndian(older.AsSpan(10), (ushort)(count - 1));

        var read = CheckpointFormat.Read(older);

        Assert.Equal(Sample().Weights, read.Weights);
        Assert.Equal(4, read.Epoch);
    }

    [Fact]
    public void Read_WithASectionAfterTheHash_IsRefused()
    {
        var payload = CheckpointFormat.Write(Sample());
        var count = BinaryPrimitives.ReadUInt16LittleEndian(payload.AsSpan(10));
        BinaryPrimitives.WriteUInt16LittleEndian(payload.AsSpan(10), (ushort)(count + 1));
        var extended = payload.Concat("XTRA"u8.ToArray()).Concat(BitConverter.GetBytes(0L)).ToArray();

        var e = Assert.Throws<CheckpointFormatException>(() => CheckpointFormat.Read(extended));

        Assert.Contains("after its SHA2 section", e.Message);
    }
}
