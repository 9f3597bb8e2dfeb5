namespace CapacityGrid.Analysis.Models;

/// <summary>
/// The shape of a classifier the trainer can build: an <see cref="MlpSpec"/> or a <see cref="CnnSpec"/>.
/// Inputs always arrive as flat feature rows of <see cref="InputDim"/> values; a model that wants another
/// shape (an image) reshapes each batch itself.
/// </summary>
public interface IModelSpec
{
    /// <summary><c>mlp</c> or <c>cnn</c>.</summary>
    string Family { get; }

    /// <summary>Number of input features per sample (for images: channels x height x width).</summary>
    int InputDim { get; }

    /// <summary>Number of output classes.</summary>
    int Classes { get; }

    /// <summary>
    /// <c>relu</c> or <c>tanh</c>, after every hidden layer: the word, as the spec's hash text, its name and checkpoints
    /// keep it (<see cref="ActivationKinds.Name"/>).
    /// </summary>
    string Activation { get; }

    /// <summary><see cref="Activation"/> typed; the constructors refuse words that name no <see cref="ActivationKind"/>.</summary>
    ActivationKind TypedActivation { get; }

    /// <summary>Exact number of trainable scalars (weights and biases).</summary>
    long ParameterCount { get; }

    /// <summary>The stable names of every layer with parameters, input side first, <c>out</c> last.</summary>
    IReadOnlyList<string> LayerNames { get; }

    /// <summary>
    /// The width of each hidden layer, as the forward callback of <see cref="ClassifierModel.Forward"/> reports it
    /// (a conv layer: its channels, each averaged over the feature map); named by the first entries of <see cref="LayerNames"/>.
    /// </summary>
    IReadOnlyList<int> HiddenWidths { get; }

    /// <summary>The text a run's spec hash is taken of: every field that decides the model.</summary>
    string HashText { get; }

    /// <summary>Builds the module (weights from torch's current generator).</summary>
    /// <exception cref="ArgumentException">The spec cannot be built; the message names the field.</exception>
    ClassifierModel Build();
}
