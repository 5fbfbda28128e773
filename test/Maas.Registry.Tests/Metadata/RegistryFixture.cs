using System.Security.Cryptography;
using Maas.Models;
using Maas.Registry.Metadata;
using Maas.Storage;
using Maas.Tensors;
using Maas.Testing;

namespace Maas.Registry.Tests.Metadata;

/// <summary>A registry over a fresh database file in a temp folder.</summary>
internal sealed class RegistryFixture : IDisposable
{
    public static readonly DateTimeOffset Start = new(2025, 3, 14, 15, 9, 26, TimeSpan.Zero);

    public static readonly ModelSignature Signature = new(
        [new TensorSpec("pixel_values", TensorDataType.Fp32, [-1, 3, 32, 32]), new TensorSpec("mask", TensorDataType.Bool, [-1])],
        [new TensorSpec("logits", TensorDataType.Fp16, [-1, 10])]);

    public TempDirectory Data { get; } = new();

    public FixedTimeProvider Time { get; } = new(Start);

    public SqliteModelRegistry Registry => field ??= new SqliteModelRegistry(Data.Path, Time);

    public static async Task<RegistryFixture> CreateAsync()
    {
        var fixture = new RegistryFixture();
        await fixture.Registry.InitializeAsync(CancellationToken.None);
        return fixture;
    }

    public static NewModelVersion Version(string name, string? alias = null, string? sha256 = null) => new(
        name,
        new BlobInfo(sha256 ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), 1234),
        ArtifactFormat.TarGz,
        "image-classification",
        "model.onnx",
        Signature,
        alias);

    public Task<ModelVersionRecord> AddAsync(string name, string? alias = null, string? sha256 = null) =>
        Registry.AddVersionAsync(Version(name, alias, sha256), CancellationToken.None);

    public void Dispose() => Data.Dispose();
}
