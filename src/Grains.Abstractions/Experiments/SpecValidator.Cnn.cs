namespace CapacityGrid.Grains.Abstractions.Experiments;

/// <summary>The checks of <c>grid.cnn</c>.</summary>
public static partial class SpecValidator
{
    /// <summary>Largest number of conv layers in one stack.</summary>
    public const int MaxConvLayers = 32;

    /// <summary>Largest conv kernel size.</summary>
    public const int MaxKernel = 64;

    /// <summary>The pooling a conv layer may name.</summary>
    public static readonly string[] Pools = ["max", "none"];

    private static void ValidateCnn(CnnGridSpec cnn)
    {
        NonEmpty("grid.cnn.channels", cnn.Channels);
        Positive("grid.cnn.kernel", cnn.Kernel, MaxKernel);
        if (!Pools.Contains(cnn.Pool))
        {
            throw new SpecException("grid.cnn.pool", $"unknown pooling '{cnn.Pool}' (expected one of: {string.Join(", ", Pools)})");
        }
        if (cnn.Input is { } input)
        {
            if (input.Length != 3)
            {
                throw new SpecException("grid.cnn.input", $"must be [channels, height, width] (got {input.Length} numbers)");
            }
            string[] names = ["channels", "height", "width"];
            for (var i = 0; i < 3; i++)
            {
                Positive($"grid.cnn.input[{i}] ({names[i]})", input[i], MaxWidth);
            }
        }
        for (var i = 0; i < cnn.Channels.Length; i++)
        {
            var stack = cnn.Channels[i];
            if (stack is null || stack.Length == 0 || stack.Length > MaxConvLayers)
            {
                throw new SpecException($"grid.cnn.channels[{i}]", $"must list 1 to {MaxConvLayers} conv layers' channels");
            }
            for (var j = 0; j < stack.Length; j++)
            {
                Positive($"grid.cnn.channels[{i}][{j}]", stack[j], MaxWidth);
            }
            if (cnn.Input is { } image)
            {
                CheckMap(cnn, i, image[1], image[2]);
            }
        }
    }

    // The feature map each conv layer gets must hold its kernel, and pooling must leave at least one pixel.
    private static void CheckMap(CnnGridSpec cnn, int stack, int height, int width)
    {
        var (h, w) = (height, width);
        for (var j = 0; j < cnn.Channels[stack].Length; j++)
        {
            if (cnn.Kernel > h || cnn.Kernel > w)
            {
                throw new SpecException("grid.cnn.kernel",
                    $"a {cnn.Kernel}x{cnn.Kernel} kernel does not fit the {h}x{w} map that conv layer {j + 1} of grid.cnn.channels[{stack}] gets");
            }
            (h, w) = (h - cnn.Kernel + 1, w - cnn.Kernel + 1);
            if (cnn.Pool == "max")
            {
                if (h < 2 || w < 2)
                {
                    throw new SpecException("grid.cnn.pool",
                        $"2x2 max pooling would shrink the {h}x{w} map after conv layer {j + 1} of grid.cnn.channels[{stack}] to nothing: use fewer layers, a smaller kernel or pool none");
                }
                (h, w) = (h / 2, w / 2);
            }
        }
    }
}
