using CapacityGrid.Analysis.Training.Trainers;

using static TorchSharp.torch;

namespace CapacityGrid.Analysis.Training.Optimizers;

/// <summary>
/// An optimizer over stacked parameters (slot first) whose slots each follow their own
/// <see cref="TrainOptions"/>: own learning rate, momentum, weight decay and optimizer state.
/// Each step runs the same element-wise operations, in the same order, as TorchSharp's optimizer does for
/// one model, with the per-slot scalars as broadcast tensors, so a slot's update equals that model's
/// update float for float.
/// </summary>
public abstract class StackedOptimizer : IDisposable
{
    /// <summary>The optimizer all <paramref name="members"/> name (they must agree), one slot per member.</summary>
    public static StackedOptimizer Create(IReadOnlyList<TrainOptions> members, IReadOnlyList<Tensor> parameters)
    {
        Validate(members);
        return members[0].Optimizer switch
        {
            OptimizerKind.Adam => new StackedAdam(members, parameters),
            OptimizerKind.Sgd => new StackedSgd(members, parameters),
            var kind => throw new ArgumentException(OptimizerKinds.Unknown($"{kind}")),
        };
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless the members can share one stacked optimizer.</summary>
    public static void Validate(IReadOnlyList<TrainOptions> members)
    {
        ArgumentOutOfRangeException.ThrowIfZero(members.Count);
        var kind = members[0].Optimizer;
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentException(OptimizerKinds.Unknown($"{kind}"));
        }
        if (members.Any(m => m.Optimizer != kind))
        {
            throw new ArgumentException("all members of a stack must use the same optimizer");
        }
        if (members.Any(m => m.LearningRate < 0 || m.Momentum < 0 || m.WeightDecay < 0))
        {
            throw new ArgumentException("learning rate, momentum and weight decay must not be negative");
        }
    }

    /// <summary>Which optimizer every slot runs; its word heads each slot's saved state.</summary>
    public abstract OptimizerKind Kind { get; }

    /// <summary>Updates <paramref name="parameters"/> (the same list, in the same order, as at creation) from their gradients.</summary>
    public abstract void Step(IReadOnlyList<Tensor> parameters);

    /// <summary>
    /// Slot <paramref name="slot"/>'s state in the layout <see cref="ModelOptimizer.SaveState"/> writes for one model
    /// with that slot's options, so a single-model run resumes from it. <paramref name="asSingleModel"/> turns a slot's
    /// state tensor for parameter i into that parameter's single-model layout (the identity when not given).
    /// </summary>
    public byte[] SaveState(int slot, Func<int, Tensor, Tensor>? asSingleModel = null)
    {
        asSingleModel ??= (_, t) => t;
        using var scope = NewDisposeScope();
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory))
        {
            OptimizerStateTag.Write(writer, Kind);
            WriteState(writer, slot, (i, t) => asSingleModel(i, t).contiguous());
        }
        return memory.ToArray();
    }

    /// <summary>
    /// Writes one slot's state, after the optimizer's word, as the single-model optimizer does, each tensor through
    /// <paramref name="asSingleModel"/>.
    /// </summary>
    protected abstract void WriteState(BinaryWriter writer, int slot, Func<int, Tensor, Tensor> asSingleModel);

    /// <summary>Keeps only the given slots' state and scalars, in the given order.</summary>
    public abstract void Keep(long[] slots);

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees the state tensors.</summary>
    protected abstract void Dispose(bool disposing);

    /// <summary><paramref name="state"/> restricted to <paramref name="index"/>'s slots; the old tensor is freed.</summary>
    protected static Tensor KeepSlots(Tensor state, Tensor index)
    {
        var kept = state.index_select(0, index).DetachFromDisposeScope();
        state.Dispose();
        return kept;
    }
}
