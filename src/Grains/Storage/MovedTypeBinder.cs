using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace CapacityGrid.Grains.Storage;

/// <summary>
/// Reads grain state that names a type where it used to live. Orleans' grain storage writes each object's type name
/// (<c>"$type"</c>), so state stored before a type moved names the old namespace: session 8 split
/// <c>CapacityGrid.Analysis.Training</c> into <c>Trainers</c>, <c>Checkpointing</c> and <c>Tracking</c> (a stored
/// epoch's <c>LayerEpoch</c> among them). A name the current build cannot resolve is retried in each namespace it
/// moved to; names are written as they are now.
/// </summary>
public sealed partial class MovedTypeBinder(ISerializationBinder inner) : ISerializationBinder
{
    private static readonly string[] TrainingParts = ["Tracking", "Checkpointing", "Trainers", "Optimizers", "Batched"];

    /// <inheritdoc />
    public Type BindToType(string? assemblyName, string typeName)
    {
        try
        {
            return inner.BindToType(assemblyName, typeName);
        }
        catch (JsonSerializationException) when (OldTrainingName().IsMatch(typeName))
        {
            foreach (var part in TrainingParts)
            {
                var moved = OldTrainingName().Replace(typeName, $"CapacityGrid.Analysis.Training.{part}.");
                try
                {
                    return inner.BindToType(assemblyName, moved);
                }
                catch (JsonSerializationException)
                {
                }
            }
            throw;
        }
    }

    /// <inheritdoc />
    public void BindToName(Type serializedType, out string? assemblyName, out string? typeName) =>
        inner.BindToName(serializedType, out assemblyName, out typeName);

    // "CapacityGrid.Analysis.Training." followed by a type's own name (capitalised, then a delimiter), not a namespace.
    [GeneratedRegex(@"CapacityGrid\.Analysis\.Training\.(?=[A-Z]\w*(?:[^\w.]|$))")]
    private static partial Regex OldTrainingName();
}
