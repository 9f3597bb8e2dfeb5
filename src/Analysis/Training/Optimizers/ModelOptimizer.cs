using System.Runtime.InteropServices;
using CapacityGrid.Analysis.Training.Trainers;
using TorchSharp;
using static TorchSharp.torch;

namespace CapacityGrid.Analysis.Training.Optimizers;

/// <summary>
/// Adam or SGD over one model's parameters, with the same update as PyTorch's, written out here with
/// explicit Scalars held for the whole step. TorchSharp 0.107's own optimizers convert numbers to Scalars
/// implicitly and do not keep them alive through the native call, so a garbage collection on another
/// thread can free one mid-call ("Expected false to be true ... Scalar.h"); concurrent trainers in one
/// silo made that happen. On the CPU each parameter is updated in one pass (<see cref="FusedUpdate"/>), the same
/// arithmetic as torch's element-wise ops but for the rounding of torch's vectorised square root; elsewhere
/// (CUDA) with those ops. State saves to and loads from bytes of our own layout.
/// </summary>
public abstract class ModelOptimizer : IDisposable
{
    private readonly Tensor[] _parameters;

    /// <summary>Keeps the parameters to update.</summary>
    protected ModelOptimizer(IEnumerable<Tensor> parameters) => _parameters = [.. parameters];

    /// <summary>The optimizer a <see cref="TrainOptions"/> names.</summary>
    public static ModelOptimizer Create(IEnumerable<Tensor> parameters, TrainOptions options) => options.Optimizer switch
    {
        OptimizerKind.Adam => new AdamOptimizer(parameters, options.LearningRate, options.WeightDecay),
        OptimizerKind.Sgd => new SgdOptimizer(parameters, options.LearningRate, options.Momentum, options.WeightDecay),
        _ => throw new ArgumentException(OptimizerKinds.Unknown($"{options.Optimizer}"), nameof(options)),
    };

    /// <summary>Which optimizer this is; its word heads the saved state.</summary>
    public abstract OptimizerKind Kind { get; }

    /// <summary>The parameters, in the order their state is kept.</summary>
    protected IReadOnlyList<Tensor> Parameters => _parameters;

    /// <summary>Clears every parameter's gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var p in _parameters)
        {
            if (p.grad is { } grad)
            {
                using var scope = NewDisposeScope();
                grad.zero_();
            }
        }
    }

    /// <summary>One update from the current gradients.</summary>
    public abstract void Step();

    /// <summary>The optimizer's state as bytes.</summary>
    public byte[] SaveState()
    {
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory))
        {
            OptimizerStateTag.Write(writer, Kind);
            WriteState(writer);
        }
        return memory.ToArray();
    }

    /// <summary>Restores state written by <see cref="SaveState"/> for the same parameters.</summary>
    /// <exception cref="InvalidDataException">The bytes do not fit this optimizer and these parameters.</exception>
    public void LoadState(byte[] state)
    {
        using var reader = new BinaryReader(new MemoryStream(state, writable: false));
        try
        {
            OptimizerStateTag.Expect(reader, Kind);
            ReadState(reader);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("optimizer state is truncated", e);
        }
    }

    /// <summary>Writes the state after the optimizer's word.</summary>
    protected abstract void WriteState(BinaryWriter writer);

    /// <summary>Reads the state after the optimizer's word.</summary>
    protected abstract void ReadState(BinaryReader reader);

    /// <summary>Writes a float tensor's values (little-endian, as <see cref="BinaryWriter.Write(float)"/> writes each).</summary>
    protected internal static void Write(BinaryWriter writer, Tensor t)
    {
        using var scope = NewDisposeScope();
        var cpu = t.cpu().contiguous();
        writer.Write(checked((int)cpu.numel()));
        if (BitConverter.IsLittleEndian)
        {
            // The tensor's memory in one block: a float at a time took 4 ms per epoch for a 55k-parameter model.
            writer.Write(cpu.bytes);
            return;
        }
        foreach (var v in cpu.data<float>().ToArray())
        {
            writer.Write(v);
        }
    }

    /// <summary>Reads values written by <see cref="Write"/> into a tensor of the same shape.</summary>
    protected static void Read(BinaryReader reader, Tensor into)
    {
        var count = reader.ReadInt32();
        if (count != into.numel())
        {
            throw new InvalidDataException($"optimizer state holds {count} values for a parameter of {into.numel()}");
        }
        var values = new float[count];
        if (BitConverter.IsLittleEndian)
        {
            var bytes = reader.ReadBytes(checked(count * sizeof(float)));
            if (bytes.Length < count * sizeof(float))
            {
                throw new EndOfStreamException();
            }
            MemoryMarshal.Cast<byte, float>(bytes).CopyTo(values);
        }
        else
        {
            for (var i = 0; i < count; i++)
            {
                values[i] = reader.ReadSingle();
            }
        }
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        into.copy_(tensor(values).reshape(into.shape));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees the state tensors.</summary>
    protected abstract void Dispose(bool disposing);
}
