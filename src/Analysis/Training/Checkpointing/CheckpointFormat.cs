using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CapacityGrid.Analysis.Models;

namespace CapacityGrid.Analysis.Training.Checkpointing;

/// <summary>
/// The binary form of a <see cref="TrainingCheckpoint"/>, version 1. All integers little-endian:
/// <code>
/// magic    8 bytes  "CGRDCKPT"
/// version  uint16   1
/// count    uint16   number of sections
/// section  tag (4 ASCII bytes), length (int64), that many bytes; repeated count times
/// </code>
/// Sections: <c>META</c> (spec hash, epoch, metrics, early-stopping state), <c>SPEC</c> (an MLP's spec) or
/// <c>CNNS</c> (a CNN's spec, <see cref="CnnSpecFormat"/>; a reader that predates CNNs finds no SPEC and refuses it),
/// <c>WGHT</c> (TorchSharp <c>Module.save</c>), <c>OPTM</c> (TorchSharp <c>save_state_dict</c>),
/// <c>RNGS</c> (the torch generator's state bytes), and last <c>SHA2</c>: the SHA-256 of every byte before
/// its tag, checked on every read, so a checkpoint file that was changed or damaged after writing is refused
/// wherever it is read (the blob store also keeps a SHA-256 in the blob's metadata). A reader ignores sections
/// it does not know, so later writers may add some without a new version; a checkpoint without <c>SHA2</c>
/// (written before it was added) is read unchecked.
/// </summary>
public static class CheckpointFormat
{
    /// <summary>The version this build writes and reads.</summary>
    public const ushort Version = 1;

    private static readonly byte[] Magic = "CGRDCKPT"u8.ToArray();
    private const string HashTag = "SHA2";

    /// <summary>The checkpoint as bytes.</summary>
    public static byte[] Write(TrainingCheckpoint checkpoint)
    {
        var sections = new (string Tag, byte[] Data)[]
        {
            ("META", Encode(w => WriteMeta(w, checkpoint))),
            checkpoint.Spec switch
            {
                MlpSpec mlp => ("SPEC", Encode(w => WriteSpec(w, mlp))),
                CnnSpec cnn => (CnnSpecFormat.Tag, Encode(w => CnnSpecFormat.Write(w, cnn))),
                var other => throw new ArgumentException($"no checkpoint form for a {other.Family} model", nameof(checkpoint)),
            },
            ("WGHT", checkpoint.Weights),
            ("OPTM", checkpoint.OptimizerState),
            ("RNGS", checkpoint.GeneratorState),
        };
        var body = Encode(w =>
        {
            w.Write(Magic);
            w.Write(Version);
            w.Write((ushort)(sections.Length + 1));
            foreach (var (tag, data) in sections)
            {
                w.Write(Encoding.ASCII.GetBytes(tag));
                w.Write((long)data.Length);
                w.Write(data);
            }
        });
        return Encode(w =>
        {
            w.Write(body);
            w.Write(Encoding.ASCII.GetBytes(HashTag));
            w.Write((long)SHA256.HashSizeInBytes);
            w.Write(SHA256.HashData(body));
        });
    }

    /// <summary>True when <paramref name="payload"/> starts with this format's header.</summary>
    public static bool IsCheckpoint(ReadOnlySpan<byte> payload) =>
        payload.Length >= Magic.Length && payload[..Magic.Length].SequenceEqual(Magic);

    /// <summary>Reads a payload made by <see cref="Write"/>.</summary>
    /// <exception cref="CheckpointFormatException">Not a checkpoint of ours, another version, cut short, or its SHA-256 does not match.</exception>
    public static TrainingCheckpoint Read(byte[] payload)
    {
        if (payload.Length < Magic.Length + 4 || !payload.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new CheckpointFormatException("not a CapacityGrid checkpoint (its first bytes are not the CGRDCKPT header)");
        }
        var version = BinaryPrimitives.ReadUInt16LittleEndian(payload.AsSpan(Magic.Length));
        if (version != Version)
        {
            throw new CheckpointFormatException($"checkpoint format version {version} is not supported (this build reads version {Version})");
        }
        try
        {
            var sections = ReadSections(payload, Magic.Length + 2, out var hashed);
            if (sections.TryGetValue(HashTag, out var stored))
            {
                var actual = SHA256.HashData(payload.AsSpan(0, hashed));
                if (!actual.AsSpan().SequenceEqual(stored))
                {
                    throw new CheckpointFormatException(
                        $"checkpoint was changed or damaged after it was written: its SHA-256 {Convert.ToHexStringLower(actual)} does not match the stored {Convert.ToHexStringLower(stored)}");
                }
            }
            IModelSpec spec = sections.TryGetValue(CnnSpecFormat.Tag, out var cnn)
                ? Decode(cnn, CnnSpecFormat.Read)
                : Decode(Section(sections, "SPEC"), ReadSpec);
            return Decode(Section(sections, "META"), r => ReadMeta(r, spec, Section(sections, "WGHT"), Section(sections, "OPTM"), Section(sections, "RNGS")));
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException or IOException)
        {
            throw new CheckpointFormatException($"checkpoint is damaged or cut short: {e.Message}", e);
        }
    }

    // The sections by tag; hashed = the length of the prefix the SHA2 section covers (the bytes before its tag).
    private static Dictionary<string, byte[]> ReadSections(byte[] payload, int offset, out int hashed)
    {
        hashed = -1;
        using var reader = new BinaryReader(new MemoryStream(payload, offset, payload.Length - offset, writable: false));
        var count = reader.ReadUInt16();
        var sections = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            if (hashed >= 0)
            {
                throw new CheckpointFormatException($"checkpoint has a section after its {HashTag} section, which the hash does not cover");
            }
            var start = offset + (int)reader.BaseStream.Position;
            var tag = Encoding.ASCII.GetString(reader.ReadBytes(4));
            if (tag == HashTag)
            {
                hashed = start;
            }
            var length = reader.ReadInt64();
            if (length < 0 || length > reader.BaseStream.Length - reader.BaseStream.Position)
            {
                throw new CheckpointFormatException($"checkpoint section {tag} claims {length} bytes, more than remain: the payload is cut short");
            }
            sections[tag] = reader.ReadBytes((int)length);
        }
        return sections;
    }

    private static byte[] Section(Dictionary<string, byte[]> sections, string tag) =>
        sections.TryGetValue(tag, out var data) ? data : throw new CheckpointFormatException($"checkpoint has no {tag} section");

    private static void WriteMeta(BinaryWriter w, TrainingCheckpoint c)
    {
        w.Write(c.SpecHash);
        w.Write(c.Epoch);
        var m = c.Metrics;
        w.Write(m.TrainLoss);
        w.Write(m.TrainAccuracy);
        w.Write(m.TestLoss);
        w.Write(m.TestAccuracy);
        w.Write(m.ValidationLoss ?? double.NaN);
        w.Write(m.ValidationAccuracy ?? double.NaN);
        w.Write(m.ValidationLoss is not null);
        w.Write(m.Duration.Ticks);
        w.Write(c.BestValidationLoss);
        w.Write(c.EpochsWithoutImprovement);
    }

    private static TrainingCheckpoint ReadMeta(BinaryReader r, IModelSpec spec, byte[] weights, byte[] optimizer, byte[] generator)
    {
        var hash = r.ReadString();
        var epoch = r.ReadInt32();
        var (trainLoss, trainAcc, testLoss, testAcc) = (r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble());
        var (valLoss, valAcc, hasValidation) = (r.ReadDouble(), r.ReadDouble(), r.ReadBoolean());
        var duration = TimeSpan.FromTicks(r.ReadInt64());
        var metrics = new CheckpointMetrics(trainLoss, trainAcc, testLoss, testAcc,
            hasValidation ? valLoss : null, hasValidation ? valAcc : null, duration);
        return new TrainingCheckpoint(spec, hash, epoch, metrics, r.ReadDouble(), r.ReadInt32(), weights, optimizer, generator);
    }

    private static void WriteSpec(BinaryWriter w, MlpSpec spec)
    {
        w.Write(spec.InputDim);
        w.Write(spec.Hidden.Length);
        foreach (var width in spec.Hidden)
        {
            w.Write(width);
        }
        w.Write(spec.Classes);
        w.Write(spec.Activation);
    }

    private static MlpSpec ReadSpec(BinaryReader r)
    {
        var inputDim = r.ReadInt32();
        var depth = r.ReadInt32();
        if (depth is < 0 or > MlpSpec.MaxDepth)
        {
            throw new CheckpointFormatException($"checkpoint spec has {depth} hidden layers");
        }
        var hidden = new int[depth];
        for (var i = 0; i < depth; i++)
        {
            hidden[i] = r.ReadInt32();
        }
        return new MlpSpec(inputDim, hidden, r.ReadInt32(), r.ReadString());
    }

    private static byte[] Encode(Action<BinaryWriter> write)
    {
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, Encoding.UTF8, leaveOpen: true))
        {
            write(writer);
        }
        return memory.ToArray();
    }

    private static T Decode<T>(byte[] data, Func<BinaryReader, T> read)
    {
        using var reader = new BinaryReader(new MemoryStream(data, writable: false), Encoding.UTF8);
        return read(reader);
    }
}
