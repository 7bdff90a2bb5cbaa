namespace Velithon.Generators.Tests;

/// <summary>
/// What the generator adds for System.Text.Json integration: each type's contract (its member types, the nested
/// <c>[VelithonJson]</c> contracts, the escaping modes its pre-escaped names allow) and, for types a module initializer
/// can name, its registration for <c>VelithonJsonTypeInfoResolver</c>. Everything compiles without diagnostics.
/// </summary>
public sealed class ContractEmissionTests
{
    [Fact]
    public void Names_the_relaxed_encoder_escapes_differently_restrict_the_contract_to_the_default_encoder()
    {
        const string Source = """
            namespace Demo;

            [Velithon.VelithonJson]
            public partial record Plain(int Id, string Name);

            [Velithon.VelithonJson]
            public partial record Accented([property: System.Text.Json.Serialization.JsonPropertyName("zoë")] int Id);

            [Velithon.VelithonJson]
            public partial record Html([property: System.Text.Json.Serialization.JsonPropertyName("a<b")] int Id);

            [System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<Mood>))]
            public enum Mood { [System.Text.Json.Serialization.JsonStringEnumMemberName("très bien")] Good, Bad }

            [Velithon.VelithonJson]
            public partial record WithEnum(Mood Mood);
            """;

        GeneratorResult result = GeneratorHarness.Run(Source);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
        const string DefaultOnly = "SupportedEncoders = global::Velithon.Json.VelithonJsonEncoders.Default,";
        Assert.DoesNotContain(DefaultOnly, result.Source("Demo.Plain.VelithonJson.g.cs"), StringComparison.Ordinal);
        Assert.Contains(DefaultOnly, result.Source("Demo.Accented.VelithonJson.g.cs"), StringComparison.Ordinal);
        Assert.Contains(DefaultOnly, result.Source("Demo.Html.VelithonJson.g.cs"), StringComparison.Ordinal);
        Assert.Contains(DefaultOnly, result.Source("Demo.WithEnum.VelithonJson.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void Types_a_module_initializer_cannot_name_are_not_registered()
    {
        const string Source = """
            namespace Demo;

            public partial class Outer
            {
                [Velithon.VelithonJson]
                private partial record Hidden(int Id);

                [Velithon.VelithonJson]
                protected partial record Family(int Id);

                [Velithon.VelithonJson]
                internal partial class Visible
                {
                    public int Id { get; set; }

                    [System.Text.Json.Serialization.JsonInclude]
                    private Hidden? Child { get; set; }
                }
            }
            """;

        GeneratorResult result = GeneratorHarness.Run(Source);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
        const string Registration = "[global::System.Runtime.CompilerServices.ModuleInitializer]";
        Assert.DoesNotContain(Registration, result.Source("Demo.Outer.Hidden.VelithonJson.g.cs"), StringComparison.Ordinal);
        Assert.DoesNotContain(Registration, result.Source("Demo.Outer.Family.VelithonJson.g.cs"), StringComparison.Ordinal);
        Assert.Contains(Registration, result.Source("Demo.Outer.Visible.VelithonJson.g.cs"), StringComparison.Ordinal);

        // A registered type's contract still reaches a private nested member type's contract.
        Assert.Contains("global::Velithon.Json.VelithonJsonContract.Of<global::Demo.Outer.Hidden>()", result.Source("Demo.Outer.Visible.VelithonJson.g.cs"), StringComparison.Ordinal);
    }
}
