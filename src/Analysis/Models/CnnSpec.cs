using System.Text.Json.Serialization;

namespace CapacityGrid.Analysis.Models;

/// <summary>
/// A small convolutional network for images of <see cref="InputChannels"/> x <see cref="Height"/> x <see cref="Width"/>
/// (fed as flat rows, channel-major as IDX and PyTorch store them): the conv layers of <see cref="Convs"/>, input side
/// first, then a fully connected head with one hidden layer per entry of <see cref="Hidden"/> and <see cref="Classes"/>
/// outputs. Layers are named <c>conv1</c>..<c>convN</c>, <c>fc1</c>..<c>fcM</c> and <c>out</c>. Construction refuses
/// what cannot be built (0 channels, a kernel larger than its feature map, pooling that shrinks the map to nothing)
/// with an <see cref="ArgumentException"/> whose <see cref="ArgumentException.ParamName"/> names the field, e.g.
/// <c>Convs[1].Kernel</c>; <see cref="Validated"/> checks again after a <c>with</c>.
/// </summary>
public sealed record CnnSpec(
    int InputChannels, int Height, int Width, ConvLayerSpec[] Convs, int[] Hidden, int Classes, string Activation = "relu") : IModelSpec
{
    /// <summary>Largest number of conv layers.</summary>
    public const int MaxConvLayers = 32;

    /// <summary>Largest channel count of any layer.</summary>
    public const int MaxChannels = 65_536;

    /// <summary>Input channels.</summary>
    public int InputChannels { get; init; } = Positive(InputChannels, nameof(InputChannels), MaxChannels);

    /// <summary>Image height in pixels.</summary>
    public int Height { get; init; } = Positive(Height, nameof(Height), MlpSpec.MaxWidth);

    /// <summary>Image width in pixels.</summary>
    public int Width { get; init; } = Positive(Width, nameof(Width), MlpSpec.MaxWidth);

    /// <summary>The conv layers, input side first.</summary>
    public ConvLayerSpec[] Convs { get; init; } = CheckGeometry(Height, Width, CheckConvs(Convs));

    /// <summary>Hidden widths of the fully connected head, input side first (may be empty).</summary>
    public int[] Hidden { get; init; } = CheckHidden(Hidden);

    /// <summary>Number of output classes.</summary>
    public int Classes { get; init; } = Positive(Classes, nameof(Classes), MlpSpec.MaxWidth);

    /// <summary><c>relu</c> or <c>tanh</c>, after every conv and hidden layer.</summary>
    public string Activation { get; init; } = ActivationKinds.TryParse(Activation, out _)
        ? Activation
        : throw new ArgumentException($"Activation: {ActivationKinds.Unknown(Activation)}", nameof(Activation));

    /// <inheritdoc />
    [JsonIgnore]
    public ActivationKind TypedActivation => ActivationKinds.TryParse(Activation, out var kind)
        ? kind
        : throw new InvalidOperationException($"unknown activation '{Activation}'");

    /// <inheritdoc />
    public string Family => "cnn";

    /// <inheritdoc />
    public int InputDim => checked(InputChannels * Height * Width);

    /// <summary>Each conv layer's output map (channels, height, width) after its pooling.</summary>
    public IReadOnlyList<(int Channels, int Height, int Width)> FeatureMaps
    {
        get
        {
            var maps = new List<(int, int, int)>(Convs.Length);
            var (h, w) = (Height, Width);
            foreach (var conv in Convs)
            {
                (h, w) = (h - conv.Kernel + 1, w - conv.Kernel + 1);
                if (conv.Pool == "max")
                {
                    (h, w) = (h / 2, w / 2);
                }
                maps.Add((conv.Channels, h, w));
            }
            return maps;
        }
    }

    /// <summary>Inputs of the head: the last conv layer's map, flattened (the image itself without conv layers).</summary>
    public long FlatFeatures => FeatureMaps is [.., var last] ? (long)last.Channels * last.Height * last.Width : InputDim;

    /// <inheritdoc />
    public long ParameterCount
    {
        get
        {
            long count = 0;
            long inChannels = InputChannels;
            foreach (var conv in Convs)
            {
                count += conv.Channels * (inChannels * conv.Kernel * conv.Kernel + 1);
                inChannels = conv.Channels;
            }
            var fanIn = FlatFeatures;
            foreach (var width in Hidden.Append(Classes))
            {
                count += fanIn * width + width;
                fanIn = width;
            }
            return count;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> LayerNames =>
        [.. Convs.Select((_, i) => $"conv{i + 1}"), .. Hidden.Select((_, i) => $"fc{i + 1}"), "out"];

    /// <inheritdoc />
    public IReadOnlyList<int> HiddenWidths => [.. Convs.Select(c => c.Channels), .. Hidden];

    /// <inheritdoc />
    public string HashText => $"cnn {this}; in={InputChannels}x{Height}x{Width} " +
        $"convs=[{string.Join(',', Convs.Select(c => $"{c.Channels}k{c.Kernel}{c.Pool}"))}] hidden=[{string.Join(',', Hidden)}] classes={Classes} activation={Activation}";

    /// <inheritdoc />
    public ClassifierModel Build() => new Cnn(this);

    /// <summary>Checks every field again (a <c>with</c> skips the constructor's checks) and the parameter budget.</summary>
    /// <exception cref="ArgumentException">The first field that cannot be used, named in the message and <see cref="ArgumentException.ParamName"/>.</exception>
    public CnnSpec Validated()
    {
        _ = new CnnSpec(InputChannels, Height, Width, Convs, Hidden, Classes, Activation);
        if (ParameterCount > MlpSpec.MaxParameters)
        {
            throw new ArgumentException($"Convs: {ParameterCount} parameters is more than the {MlpSpec.MaxParameters} allowed", nameof(Convs));
        }
        return this;
    }

    /// <summary>A short readable form, e.g. <c>1x28x28 c8k3max-c16k3max fc32 10 relu</c>.</summary>
    public override string ToString() =>
        $"{InputChannels}x{Height}x{Width} {string.Join('-', Convs.Select(c => $"c{c.Channels}k{c.Kernel}{c.Pool}"))}" +
        $"{(Hidden.Length == 0 ? "" : " fc" + string.Join('-', Hidden))} {Classes} {Activation}";

    private static int Positive(int value, string field, int max) => value is >= 1 && value <= max
        ? value
        : throw new ArgumentException($"{field} must lie in [1, {max}] (got {value})", field);

    private static ConvLayerSpec[] CheckConvs(ConvLayerSpec[]? convs)
    {
        ArgumentNullException.ThrowIfNull(convs, nameof(Convs));
        if (convs.Length is 0 or > MaxConvLayers)
        {
            throw new ArgumentException($"Convs must list 1 to {MaxConvLayers} conv layers (got {convs.Length})", nameof(Convs));
        }
        for (var i = 0; i < convs.Length; i++)
        {
            var field = $"{nameof(Convs)}[{i}]";
            if (convs[i] is not { } conv)
            {
                throw new ArgumentException($"{field} is null", field);
            }
            Positive(conv.Channels, $"{field}.Channels", MaxChannels);
            Positive(conv.Kernel, $"{field}.Kernel", MlpSpec.MaxWidth);
            if (!ConvLayerSpec.Pools.Contains(conv.Pool))
            {
                throw new ArgumentException($"{field}.Pool: unknown pooling '{conv.Pool}' (expected max or none)", $"{field}.Pool");
            }
        }
        return convs;
    }

    private static int[] CheckHidden(int[]? hidden)
    {
        ArgumentNullException.ThrowIfNull(hidden, nameof(Hidden));
        if (hidden.Length > MlpSpec.MaxDepth)
        {
            throw new ArgumentException($"Hidden has {hidden.Length} layers, more than the {MlpSpec.MaxDepth} allowed", nameof(Hidden));
        }
        for (var i = 0; i < hidden.Length; i++)
        {
            Positive(hidden[i], $"{nameof(Hidden)}[{i}]", MlpSpec.MaxWidth);
        }
        return hidden;
    }

    private static ConvLayerSpec[] CheckGeometry(int height, int width, ConvLayerSpec[] convs)
    {
        var (h, w) = (height, width);
        for (var i = 0; i < convs.Length; i++)
        {
            var conv = convs[i];
            if (conv.Kernel > h || conv.Kernel > w)
            {
                throw new ArgumentException(
                    $"Convs[{i}].Kernel: a {conv.Kernel}x{conv.Kernel} kernel does not fit the {h}x{w} feature map it gets", $"Convs[{i}].Kernel");
            }
            (h, w) = (h - conv.Kernel + 1, w - conv.Kernel + 1);
            if (conv.Pool == "max")
            {
                if (h < 2 || w < 2)
                {
                    throw new ArgumentException(
                        $"Convs[{i}].Pool: 2x2 max pooling would shrink the {h}x{w} feature map to nothing", $"Convs[{i}].Pool");
                }
                (h, w) = (h / 2, w / 2);
            }
        }
        return convs;
    }
}
