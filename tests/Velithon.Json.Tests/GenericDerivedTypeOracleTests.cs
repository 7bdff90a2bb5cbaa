using System.Text;
using System.Text.Json;
using CsCheck;
using Velithon.Json.Tests.Models;

namespace Velithon.Json.Tests;

/// <summary>
/// Closed generic derived types (Models/GenericDerivedTypes.cs) against STJ: written byte-identically, STJ's output and
/// its variants read as STJ reads them, an unlisted closure fails to write as in STJ.
/// </summary>
public sealed class GenericDerivedTypeOracleTests
{
    private static readonly Gen<Slot<int>> IntSlots = Gen.Select(Generators.NullableString, Gen.Int).Select((label, content) => new Slot<int> { Label = label, Content = content });

    private static readonly Gen<Crate> Crates = Gen.OneOf<Crate>(
        IntSlots,
        Gen.Select(Generators.NullableString, Generators.NullableString).Select((label, content) => new Slot<string> { Label = label, Content = content }),
        Gen.Select(Generators.NullableString, Gen.Int.List[0, 3].Null(0.3)).Select((label, content) => new Slot<List<int>> { Label = label, Content = content }),
        Gen.Select(Generators.NullableString, Gen.Int, IntSlots.Null(0.3)).Select((label, left, right) => new Duo<int, Slot<int>>(left, right!) { Label = label }));

    private static readonly Gen<CrateHolder> Holders = Gen.Select(Crates.Null(0.2), Crates.Null(0.2).List[0, 4].Null(0.2), IntSlots.Null(0.3))
        .Select((single, many, direct) => new CrateHolder { Single = single, Many = many, Direct = direct });

    [Fact]
    public void Holders_are_byte_identical_to_STJ() => Holders.Run(holder =>
        PolymorphismOracleTests.AssertBytes(Oracle.Serialize(holder), VelithonJson.SerializeToUtf8Bytes(holder)), iter: 1500);

    [Fact]
    public void STJ_output_and_its_variants_read_like_STJ() => Gen.Select(Holders, Gen.Int).Run(t =>
    {
        var random = new Random(t.Item2);
        byte[] json = Oracle.Serialize(t.Item1);
        PolymorphismOracleTests.AssertSameRead<CrateHolder>(json);
        foreach (PolymorphismOracleTests.Mutation mutation in Enum.GetValues<PolymorphismOracleTests.Mutation>())
        {
            PolymorphismOracleTests.AssertSameRead<CrateHolder>(PolymorphismOracleTests.Rewrite(json, random, mutation));
        }

        for (int i = 0; i < 3; i++)
        {
            PolymorphismOracleTests.AssertSameRead<CrateHolder>(Mutator.Mutate(json, random));
        }
    }, iter: 1000, print: t => Oracle.Show(t.Item1));

    [Theory]
    [InlineData("""{"$type":"int","content":5,"label":"a"}""")]
    [InlineData("""{"$type":"int","content":"x"}""")]
    [InlineData("""{"$type":"text","content":5}""")]
    [InlineData("""{"$type":"ints","content":[1,"x"]}""")]
    [InlineData("""{"$type":3,"left":1,"right":{"content":2}}""")]
    [InlineData("""{"$type":3,"left":"x","right":null}""")]
    [InlineData("""{"$type":3,"right":{"content":"y"},"left":1}""")]
    [InlineData("""{"$type":"long","content":1}""")]
    [InlineData("""{"content":1}""")]
    public void Named_inputs_read_like_STJ(string json) => PolymorphismOracleTests.AssertSameRead<Crate>(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"direct":5}""")]
    [InlineData("""{"direct":{"content":"x"}}""")]
    [InlineData("""{"direct":{"$type":"int","content":1}}""")]
    [InlineData("""{"many":[{"$type":"ints","content":{}}]}""")]
    [InlineData("""{"many":[{"$type":3,"left":1,"right":[]}]}""")]
    public void Named_holder_inputs_read_like_STJ(string json) => PolymorphismOracleTests.AssertSameRead<CrateHolder>(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void An_unlisted_closure_fails_to_write_as_in_STJ()
    {
        PolymorphismOracleTests.AssertSameWriteFailure<Crate>(new Slot<long> { Content = 1 });
        PolymorphismOracleTests.AssertSameWriteFailure(new CrateHolder { Many = [new Slot<int>(), new Slot<long>()] });
        PolymorphismOracleTests.AssertBytes(Oracle.Serialize(new Slot<long> { Content = 2 }), VelithonJson.SerializeToUtf8Bytes(new Slot<long> { Content = 2 }));
    }
}
