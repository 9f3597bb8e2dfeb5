namespace CapacityGrid.Analysis.Models;

/// <summary>
/// A fully connected network: <see cref="InputDim"/> inputs, one hidden layer per entry of
/// <see cref="Hidden"/> (its width), and <see cref="Classes"/> outputs. Layers are named
/// <c>fc1</c>..<c>fcN</c> and <c>out</c>.
/// </summary>
public sealed record MlpSpec(int InputDim, int[] Hidden, int Classes, string Activation = "relu")
{
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
}
