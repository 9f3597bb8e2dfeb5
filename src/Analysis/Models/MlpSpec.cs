using System.Text.Json.Serialization;

namespace CapacityGrid.Analysis.Models;

/// <summary>
/// A fully connected network: <see cref="InputDim"/> inputs, one hidden layer per entry of
/// <see cref="Hidden"/> (its width), and <see cref="Classes"/> outputs. Layers are named
/// <c>fc1</c>..<c>fcN</c> and <c>out</c>. The constructor refuses shapes that cannot be built,
/// with an <see cref="ArgumentException"/> whose <see cref="ArgumentException.ParamName"/> names the field.
/// </summary>
public sealed record MlpSpec(int InputDim, int[] Hidden, int Classes, string Activation = "relu") : IModelSpec
{
    /// <summary>Largest width of any layer (inputs, hidden or classes).</summary>
    public const int MaxWidth = 1 << 20;

    /// <summary>Largest number of hidden layers.</summary>
    public const int MaxDepth = 256;

    /// <summary>Largest total number of parameters (weights are extracted into arrays of this size at most).</summary>
    public const long MaxParameters = int.MaxValue;

    /// <summary>Number of inputs.</summary>
    public int InputDim { get; init; } = Width(InputDim, nameof(InputDim));

    /// <summary>Hidden layer widths, input side first.</summary>
    public int[] Hidden { get; init; } = CheckHidden(Hidden);

    /// <summary>Number of output classes.</summary>
    public int Classes { get; init; } = Width(Classes, nameof(Classes));

    /// <summary><c>relu</c> or <c>tanh</c>, between hidden layers.</summary>
    public string Activation { get; init; } = ActivationKinds.TryParse(Activation, out _)
        ? Activation
        : throw new ArgumentException(ActivationKinds.Unknown(Activation), nameof(Activation));

    /// <inheritdoc />
    [JsonIgnore]
    public ActivationKind TypedActivation => ActivationKinds.TryParse(Activation, out var kind)
        ? kind
        : throw new InvalidOperationException($"unknown activation '{Activation}'");

    /// <summary>Exact number of trainable scalars (weights and biases).</summary>
    public long ParameterCount
    {
        get
        {
            long count = 0;
            var fanIn = InputDim;
            foreach (var width in Hidden.Append(Classes))
            {
                count += (long)fanIn * width + width;
                fanIn = width;
            }
            return count;
        }
    }

    /// <summary>The stable names of the layers, input side first.</summary>
    public IReadOnlyList<string> LayerNames =>
        [.. Hidden.Select((_, i) => $"fc{i + 1}"), "out"];

    /// <inheritdoc />
    public string Family => "mlp";

    /// <inheritdoc />
    IReadOnlyList<int> IModelSpec.HiddenWidths => Hidden;

    /// <inheritdoc />
    public string HashText => $"mlp {this}; in={InputDim} hidden=[{string.Join(',', Hidden)}] classes={Classes} activation={Activation}";

    /// <inheritdoc />
    public ClassifierModel Build() => new Mlp(this);

    /// <summary>Throws when the whole network is larger than <see cref="MaxParameters"/>; the constructor checks each field alone.</summary>
    public MlpSpec Validated()
    {
        if (ParameterCount > MaxParameters)
        {
            throw new ArgumentException($"{ParameterCount} parameters is more than the {MaxParameters} allowed", nameof(Hidden));
        }
        return this;
    }

    /// <summary>A short readable form, e.g. <c>12-64-64-4 relu</c>.</summary>
    public override string ToString() => $"{string.Join('-', Hidden.Prepend(InputDim).Append(Classes))} {Activation}";

    private static int Width(int value, string field) => value is >= 1 and <= MaxWidth
        ? value
        : throw new ArgumentException($"{field} must lie in [1, {MaxWidth}] (got {value})", field);

    private static int[] CheckHidden(int[]? hidden)
    {
        ArgumentNullException.ThrowIfNull(hidden, nameof(Hidden));
        if (hidden.Length > MaxDepth)
        {
            throw new ArgumentException($"Hidden has {hidden.Length} layers, more than the {MaxDepth} allowed", nameof(Hidden));
        }
        for (var i = 0; i < hidden.Length; i++)
        {
            Width(hidden[i], $"{nameof(Hidden)}[{i}]");
        }
        return hidden;
    }
}
