using Maas.Errors;
using Maas.Models;
using Maas.Storage;
using Maas.Tensors;
using Microsoft.Data.Sqlite;

namespace Maas.Registry.Tests.Metadata;

public sealed class SqliteModelRegistryTests : IAsyncLifetime
{
    private readonly RegistryFixture _fixture = new();

    private IModelRegistry Registry => _fixture.Registry;

    public Task InitializeAsync() => _fixture.Registry.InitializeAsync(CancellationToken.None);

    public Task DisposeAsync()
    {
        _fixture.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AddVersionAsync_NewName_CreatesModelAtVersionOneWithEveryField()
    {
        var added = await _fixture.AddAsync("cnn");

        var stored = await Registry.GetVersionAsync("cnn", 1, CancellationToken.None);

        Assert.NotNull(stored);
        Assert.Equal(1, added.Version);
        Assert.Equal(added.Sha256, stored.Sha256);
        Assert.Equal(1234, stored.Size);
        Assert.Equal(ArtifactFormat.TarGz, stored.Format);
        Assert.Equal("image-classification", stored.Task);
        Assert.Equal("model.onnx", stored.ModelFile);
        Assert.Equal(RegistryFixture.Start, stored.Created);
        Assert.Equal(TimeSpan.Zero, stored.Created.Offset);
        Assert.Empty(stored.Aliases);
        AssertSameSignature(RegistryFixture.Signature, stored.Signature);
    }

    [Fact]
    public async Task AddVersionAsync_Signature_IsStoredWithKServeDatatypeNames()
    {
        await _fixture.AddAsync("cnn");

        await using var connection = new SqliteConnection($"Data Source={_fixture.Registry.DatabasePath}");
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT signature_json, created FROM model_versions";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var json = reader.GetString(0);
        Assert.Contains("\"datatype\":\"FP32\"", json, StringComparison.Ordinal);
        Assert.Contains("\"datatype\":\"FP16\"", json, StringComparison.Ordinal);
        Assert.Contains("[-1,3,32,32]", json, StringComparison.Ordinal);
        Assert.Equal("2025-03-14T15:09:26.0000000Z", reader.GetString(1));
    }

    [Fact]
    public async Task AddVersionAsync_SixteenConcurrentPushesOfOneName_AssignsVersionsOneToSixteenOnce()
    {
        var pushes = Enumerable.Range(0, 16).Select(_ => Task.Run(() => _fixture.AddAsync("busy")));

        var records = await Task.WhenAll(pushes);

        Assert.Equal(Enumerable.Range(1, 16), records.Select(r => r.Version).Order());
        var model = await Registry.GetModelAsync("busy", CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, 16), model!.Versions.Select(v => v.Version));
        Assert.Equal(records.Select(r => r.Sha256).Order(), model.Versions.Select(v => v.Sha256).Order());
    }

    [Fact]
    public async Task AddVersionAsync_WithAlias_PointsTheAliasAtTheNewVersion()
    {
        await _fixture.AddAsync("cnn", alias: "prod");
        var second = await _fixture.AddAsync("cnn", alias: "prod");

        var model = await Registry.GetModelAsync("cnn", CancellationToken.None);

        Assert.Equal(["prod"], second.Aliases);
        Assert.Equal(2, model!.Aliases["prod"]);
        Assert.Empty(model.Versions[0].Aliases);
        Assert.Equal(["prod"], model.Versions[1].Aliases);
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("Prod")]
    [InlineData("-x")]
    public async Task AddVersionAsync_UnsettableAlias_ThrowsInvalidInputAndCommitsNothing(string alias)
    {
        var error = await Assert.ThrowsAsync<MaasException>(() => _fixture.AddAsync("cnn", alias));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains(alias, error.Message, StringComparison.Ordinal);
        Assert.Null(await Registry.GetModelAsync("cnn", CancellationToken.None));
    }

    [Fact]
    public async Task AddVersionAsync_InvalidModelName_ThrowsInvalidInput()
    {
        var error = await Assert.ThrowsAsync<MaasException>(() => _fixture.AddAsync("../evil"));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
    }

    [Fact]
    public async Task SetAliasAsync_ExistingVersion_MovesTheAlias()
    {
        await _fixture.AddAsync("cnn");
        await _fixture.AddAsync("cnn");

        await Registry.SetAliasAsync("cnn", "prod", 1, CancellationToken.None);
        await Registry.SetAliasAsync("cnn", "default", 1, CancellationToken.None);
        await Registry.SetAliasAsync("cnn", "prod", 2, CancellationToken.None);

        var model = await Registry.GetModelAsync("cnn", CancellationToken.None);
        Assert.Equal(new Dictionary<string, int> { ["default"] = 1, ["prod"] = 2 }, model!.Aliases);
        Assert.Equal(["default"], (await Registry.GetVersionAsync("cnn", 1, CancellationToken.None))!.Aliases);
        Assert.Equal(["prod"], (await Registry.GetVersionAsync("cnn", 2, CancellationToken.None))!.Aliases);
    }

    [Fact]
    public async Task SetAliasAsync_Latest_ThrowsInvalidInput()
    {
        await _fixture.AddAsync("cnn");

        var error = await Assert.ThrowsAsync<MaasException>(() => Registry.SetAliasAsync("cnn", "latest", 1, CancellationToken.None));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
    }

    [Fact]
    public async Task SetAliasAsync_UnknownVersion_ThrowsNotFoundNamingIt()
    {
        await _fixture.AddAsync("cnn");

        var error = await Assert.ThrowsAsync<MaasException>(() => Registry.SetAliasAsync("cnn", "prod", 7, CancellationToken.None));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Contains("'cnn'", error.Message, StringComparison.Ordinal);
        Assert.Contains("7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetAliasAsync_UnknownModel_ThrowsNotFoundNamingIt()
    {
        var error = await Assert.ThrowsAsync<MaasException>(() => Registry.SetAliasAsync("ghost", "prod", 1, CancellationToken.None));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Contains("'ghost'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteAliasAsync_ExistingThenAgain_ReturnsTrueThenFalse()
    {
        await _fixture.AddAsync("cnn", alias: "prod");

        Assert.True(await Registry.DeleteAliasAsync("cnn", "prod", CancellationToken.None));
        Assert.False(await Registry.DeleteAliasAsync("cnn", "prod", CancellationToken.None));
        Assert.False(await Registry.DeleteAliasAsync("ghost", "prod", CancellationToken.None));
        Assert.Empty((await Registry.GetModelAsync("cnn", CancellationToken.None))!.Aliases);
    }

    [Fact]
    public async Task DeleteVersionAsync_AliasPointsAtIt_ThrowsConflictNamingTheAlias()
    {
        await _fixture.AddAsync("cnn", alias: "prod");
        await _fixture.AddAsync("cnn");

        var error = await Assert.ThrowsAsync<MaasException>(() => Registry.DeleteVersionAsync("cnn", 1, force: false, CancellationToken.None));

        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Contains("prod", error.Message, StringComparison.Ordinal);
        Assert.NotNull(await Registry.GetVersionAsync("cnn", 1, CancellationToken.None));
    }

    [Fact]
    public async Task DeleteVersionAsync_ForcedWithAlias_RemovesVersionAndAlias()
    {
        await _fixture.AddAsync("cnn", alias: "prod");
        await _fixture.AddAsync("cnn", alias: "staging");

        var deleted = await Registry.DeleteVersionAsync("cnn", 1, force: true, CancellationToken.None);

        Assert.Equal(["prod"], deleted.Aliases);
        var model = await Registry.GetModelAsync("cnn", CancellationToken.None);
        Assert.Equal([2], model!.Versions.Select(v => v.Version));
        Assert.Equal(["staging"], model.Aliases.Keys);
    }

    [Fact]
    public async Task DeleteVersionAsync_HighestThenPush_DoesNotReuseTheNumber()
    {
        await _fixture.AddAsync("cnn");
        await _fixture.AddAsync("cnn");
        await _fixture.AddAsync("cnn");

        await Registry.DeleteVersionAsync("cnn", 3, force: false, CancellationToken.None);
        var next = await _fixture.AddAsync("cnn");

        Assert.Equal(4, next.Version);
        var model = await Registry.GetModelAsync("cnn", CancellationToken.None);
        Assert.Equal([1, 2, 4], model!.Versions.Select(v => v.Version));
    }

    [Fact]
    public async Task DeleteVersionAsync_LastVersion_DeletesTheModel()
    {
        await _fixture.AddAsync("cnn");

        await Registry.DeleteVersionAsync("cnn", 1, force: false, CancellationToken.None);

        Assert.Null(await Registry.GetModelAsync("cnn", CancellationToken.None));
        Assert.Empty(await Registry.ListModelsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task DeleteVersionAsync_UnknownVersion_ThrowsNotFoundNamingModelAndVersion()
    {
        await _fixture.AddAsync("cnn");

        var error = await Assert.ThrowsAsync<MaasException>(() => Registry.DeleteVersionAsync("cnn", 9, force: true, CancellationToken.None));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Contains("'cnn'", error.Message, StringComparison.Ordinal);
        Assert.Contains("9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteModelAsync_WithVersionsAndAliases_RemovesEverythingAndReturnsTheVersions()
    {
        await _fixture.AddAsync("cnn", alias: "prod");
        await _fixture.AddAsync("cnn");
        await _fixture.AddAsync("other");

        var deleted = await Registry.DeleteModelAsync("cnn", CancellationToken.None);

        Assert.Equal([1, 2], deleted.Select(v => v.Version));
        Assert.Equal(["other"], (await Registry.ListModelsAsync(CancellationToken.None)).Select(m => m.Name));
    }

    [Fact]
    public async Task DeleteModelAsync_UnknownModel_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<MaasException>(() => Registry.DeleteModelAsync("ghost", CancellationToken.None));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Contains("'ghost'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListModelsAsync_SeveralModels_OrdersByNameWithVersionsAscending()
    {
        _fixture.Time.Now = RegistryFixture.Start.AddMinutes(5);
        await _fixture.AddAsync("zeta");
        await _fixture.AddAsync("alpha");
        await _fixture.AddAsync("alpha");

        var models = await Registry.ListModelsAsync(CancellationToken.None);

        Assert.Equal(["alpha", "zeta"], models.Select(m => m.Name));
        Assert.Equal([1, 2], models[0].Versions.Select(v => v.Version));
        Assert.Equal(RegistryFixture.Start.AddMinutes(5), models[1].Created);
    }

    [Fact]
    public async Task ListReferencedBlobsAsync_AfterADelete_ListsOnlyRemainingHashes()
    {
        var shared = new string('b', 64);
        await _fixture.AddAsync("one", sha256: shared);
        await _fixture.AddAsync("two", sha256: shared);
        var gone = await _fixture.AddAsync("two");

        await Registry.DeleteVersionAsync("two", gone.Version, force: false, CancellationToken.None);

        Assert.Equal([shared], await Registry.ListReferencedBlobsAsync(CancellationToken.None));
    }

    private static void AssertSameSignature(ModelSignature expected, ModelSignature actual)
    {
        Assert.Equal(Describe(expected.Inputs), Describe(actual.Inputs));
        Assert.Equal(Describe(expected.Outputs), Describe(actual.Outputs));

        static IEnumerable<string> Describe(IEnumerable<TensorSpec> specs) =>
            specs.Select(s => $"{s.Name} {s.DataType.ToKServeName()} {DataTypes.FormatShape(s.Shape)}");
    }
}
