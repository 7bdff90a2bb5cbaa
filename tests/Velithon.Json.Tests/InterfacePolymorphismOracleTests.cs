using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CsCheck;
using Velithon.Json.Tests.Models;
using static Velithon.Json.Tests.PolymorphismOracleTests;

namespace Velithon.Json.Tests;

/// <summary>
/// Polymorphic [VelithonJson] interfaces (Models/InterfacePolymorphism.cs) against System.Text.Json with the same
/// attributes, as <see cref="PolymorphismOracleTests"/> does for class bases: written byte-identically (STJ reflection and
/// source generation), including the unknown runtime type rules; STJ's output, its variants and mutations read to the same
/// value or failing with the same exception (JsonException: message, path and position).
/// </summary>
public sealed class InterfacePolymorphismOracleTests
{
    private static readonly Gen<string?> Names = Generators.NullableString;

    private static readonly Gen<IFigure> Figures = Gen.OneOf<IFigure>(
        Gen.Select(Names, Gen.Double).Select((label, radius) => new Disc { Label = label, Radius = radius }),
        Gen.Select(Names, Gen.Int, Gen.Int).Select((label, w, h) => new Rect(label, w, h)));

    // Symbol is written as IToken itself (no discriminator): STJ cannot read it back.
    private static Gen<IToken> TokensOf(bool readable) => Gen.Frequency(
        (2, Gen.Select(Gen.Int, Names).Select((position, text) => (IToken)new Word { Position = position, Text = text })),
        (2, Gen.Select(Gen.Int, Gen.Long).Select((position, value) => (IToken)new Number { Position = position, Value = value })),
        (readable ? 0 : 1, Gen.Select(Gen.Int, Gen.Char).Select((position, glyph) => (IToken)new Symbol { Position = position, Glyph = glyph })));

    private static Gen<INode> NodesOf(bool readable, int depth)
    {
        Gen<INode> leaf = Gen.Select(Names, Gen.Int, Names).Select((id, d, payload) => (INode)new Leaf { Id = id, Depth = d, Payload = payload });
        Gen<INode> bigLeaf = Gen.Select(Names, Gen.Int, Names, Gen.Int).Select((id, d, payload, size) => (INode)new BigLeaf { Id = id, Depth = d, Payload = payload, Size = size });
        Gen<INode> twig = Gen.Select(Names, Gen.Int, Gen.Int).Select((id, d, thorns) => (INode)new Twig { Id = id, Depth = d, Thorns = thorns });
        Gen<INode> bigTwig = Gen.Select(Names, Gen.Int, Gen.Int, Gen.Int).Select((id, d, thorns, knots) => (INode)new BigTwig { Id = id, Depth = d, Thorns = thorns, Knots = knots });
        Gen<INode> stray = Gen.Select(Names, Gen.Int, Gen.Bool).Select((id, d, lost) => (INode)new Stray { Id = id, Depth = d, Lost = lost });
        if (depth == 0)
        {
            return Gen.Frequency((3, leaf), (1, bigLeaf), (1, twig), (1, bigTwig), (readable ? 0 : 1, stray));
        }

        Gen<INode> branch = Gen.Select(Names, Gen.Int, NodesOf(readable, depth - 1).List[0, 3].Null(0.2))
            .Select((id, d, children) => (INode)new Branch { Id = id, Depth = d, Children = children! });
        return Gen.Frequency((3, leaf), (1, bigLeaf), (1, twig), (1, bigTwig), (readable ? 0 : 1, stray), (2, branch));
    }

    private static Gen<Dictionary<string, T>?> DictionaryOf<T>(Gen<T> value) =>
        Gen.Select(Generators.Key, value).Array[0, 3]
            .Select(pairs =>
            {
                var d = new Dictionary<string, T>(StringComparer.Ordinal);
                foreach ((string k, T v) in pairs)
                {
                    d.TryAdd(k, v);
                }

                return d;
            })
            .Null(0.3)!;

    private static Gen<Gallery> GalleriesOf(bool readable) =>
        Gen.Select(Figures.Null(0.2), Figures.List[0, 4].Null(0.2), Figures.Null(0.2).Array[0, 3].Null(0.2), DictionaryOf(TokensOf(readable).Null(0.2)))
            .Select(
                Gen.Select(NodesOf(readable, 2).Null(0.2), NodesOf(readable, 1).List[0, 3].Null(0.2)),
                (a, b) => new Gallery
                {
                    Featured = a.Item1,
                    Figures = a.Item2,
                    Framed = a.Item3,
                    Tokens = a.Item4!,
                    Root = b.Item1,
                    Nodes = b.Item2,
                });

    private static readonly Gen<Gallery> Galleries = GalleriesOf(readable: false);

    private static readonly Gen<Gallery> ReadableGalleries = GalleriesOf(readable: true);

    private static readonly JsonSerializerOptions SourceGenerated = new(JsonSerializerOptions.Web) { TypeInfoResolver = InterfacePolymorphismStjContext.Default };

    private static readonly JsonSerializerOptions Resolved = new(JsonSerializerOptions.Web)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(new VelithonJsonTypeInfoResolver(), new DefaultJsonTypeInfoResolver()),
    };

    [Fact]
    public void Gallery_is_byte_identical_to_STJ_reflection_and_source_generation() => Galleries.Run(gallery =>
    {
        byte[] expected = Oracle.Serialize(gallery);
        AssertBytes(expected, JsonSerializer.SerializeToUtf8Bytes(gallery, SourceGenerated));
        AssertBytes(expected, VelithonJson.SerializeToUtf8Bytes(gallery));
        var stingy = new StingyBufferWriter();
        VelithonJson.Serialize(gallery, stingy);
        AssertBytes(expected, stingy.WrittenBytes);
    }, iter: 1500);

    [Fact]
    public void STJ_output_reads_back_as_STJ_reads_it() => Galleries.Run(gallery => AssertSameRead<Gallery>(Oracle.Serialize(gallery)), iter: 1500);

    [Fact]
    public void Readable_output_reads_back_to_the_same_value() => ReadableGalleries.Run(gallery =>
    {
        byte[] json = Oracle.Serialize(gallery);
        DeepEqual.AssertEqual(Oracle.Deserialize<Gallery>(json), VelithonJson.Deserialize<Gallery>(json));
    }, iter: 1000);

    [Fact]
    public void Interface_roots_are_byte_identical_and_read_back() => Gen.Select(Figures, TokensOf(readable: false), NodesOf(readable: false, 2)).Run(t =>
    {
        (IFigure figure, IToken token, INode node) = t;
        AssertBytes(Oracle.Serialize(figure), VelithonJson.SerializeToUtf8Bytes(figure));
        AssertBytes(Oracle.Serialize(token), VelithonJson.SerializeToUtf8Bytes(token));
        AssertBytes(Oracle.Serialize(node), VelithonJson.SerializeToUtf8Bytes(node));
        AssertSameRead<IFigure>(Oracle.Serialize(figure));
        AssertSameRead<IToken>(Oracle.Serialize(token));
        AssertSameRead<INode>(Oracle.Serialize(node));
        var list = new List<IFigure?> { figure, null, figure };
        byte[] listJson = Oracle.Serialize(list);
        AssertBytes(listJson, VelithonJson.SerializeListToUtf8Bytes<IFigure>(list));
        DeepEqual.AssertEqual(Oracle.Deserialize<List<IFigure?>>(listJson), VelithonJson.DeserializeList<IFigure>(listJson));
    }, iter: 1000);

    [Fact]
    public void Through_STJ_the_resolver_writes_and_reads_the_same() => Galleries.Run(gallery =>
    {
        byte[] expected = Oracle.Serialize(gallery);
        AssertBytes(expected, JsonSerializer.SerializeToUtf8Bytes(gallery, Resolved));
        (Gallery? stj, Exception? stjError) = Try(() => Oracle.Deserialize<Gallery>(expected));
        (Gallery? ours, Exception? error) = Try(() => JsonSerializer.Deserialize<Gallery>(expected, Resolved));
        Assert.Equal(stjError?.GetType(), error?.GetType());
        DeepEqual.AssertEqual(stj, ours);
    }, iter: 1000);

    [Fact]
    public void Out_of_order_metadata_in_the_host_is_a_contract_mismatch()
    {
        var options = new JsonSerializerOptions(JsonSerializerOptions.Web) { AllowOutOfOrderMetadataProperties = true };
        Assert.NotNull(VelithonJsonTypeInfoResolver.FindMismatch(typeof(IFigure), options));
        Assert.NotNull(VelithonJsonTypeInfoResolver.FindMismatch(typeof(Gallery), options));
        Assert.Null(VelithonJsonTypeInfoResolver.FindMismatch(typeof(Gallery), new JsonSerializerOptions(JsonSerializerOptions.Web)));
    }

    [Fact]
    public void Discriminator_moved_after_other_members_reads_like_STJ() => Variants(Mutation.MoveLast);

    [Fact]
    public void Unknown_discriminator_reads_like_STJ() => Variants(Mutation.Unknown);

    [Fact]
    public void Missing_discriminator_reads_like_STJ() => Variants(Mutation.Remove);

    [Fact]
    public void Discriminator_of_the_other_JSON_type_reads_like_STJ() => Variants(Mutation.OtherType);

    [Fact]
    public void Duplicate_discriminator_reads_like_STJ() => Variants(Mutation.Duplicate);

    [Fact]
    public void Dollar_members_read_like_STJ() => Variants(Mutation.DollarMember);

    [Fact]
    public void Mutated_and_truncated_documents_read_like_STJ() => Bounded.Run(TimeSpan.FromSeconds(120), _ =>
        Gen.Select(ReadableGalleries, Gen.Int).Run(t =>
        {
            var random = new Random(t.Item2);
            byte[] json = Oracle.Serialize(t.Item1);
            for (int i = 0; i < 4; i++)
            {
                AssertSameRead<Gallery>(Mutator.Mutate(json, random));
            }

            AssertSameRead<Gallery>(json.AsSpan(0, random.Next(json.Length)).ToArray());
        }, iter: 1000, print: t => Oracle.Show(t.Item1)));

    [Fact]
    public void Unlisted_runtime_types_fail_as_in_STJ_under_FailSerialization()
    {
        AssertSameWriteFailure<IFigure>(new Blob { Label = "b" });
        AssertSameWriteFailure(new Gallery { Figures = [new Disc(), new Blob()] });
        AssertSameWriteFailure(new Gallery { Framed = [null, new Blob()] });
    }

    [Fact]
    public void Unlisted_runtime_types_fall_back_as_in_STJ()
    {
        // FallBackToBaseType: the interface's own properties, no discriminator.
        AssertBytes(Oracle.Serialize<IToken>(new Symbol { Position = 3, Glyph = 'x' }), VelithonJson.SerializeToUtf8Bytes<IToken>(new Symbol { Position = 3, Glyph = 'x' }));

        // FallBackToNearestAncestor: a listed base class, else the interface's own (inherited properties last).
        AssertBytes(Oracle.Serialize<INode>(new BigLeaf { Id = "i", Depth = 1, Payload = "p", Size = 9 }), VelithonJson.SerializeToUtf8Bytes<INode>(new BigLeaf { Id = "i", Depth = 1, Payload = "p", Size = 9 }));
        AssertBytes(Oracle.Serialize<INode>(new BigTwig { Id = "i", Thorns = 2, Knots = 3 }), VelithonJson.SerializeToUtf8Bytes<INode>(new BigTwig { Id = "i", Thorns = 2, Knots = 3 }));
        Assert.StartsWith("""{"$type":"twig",""", Oracle.Text(Oracle.Serialize<INode>(new BigTwig())), StringComparison.Ordinal);
        byte[] stray = Oracle.Serialize<INode>(new Stray { Id = "i", Depth = 2, Lost = true });
        Assert.Equal("""{"depth":2,"id":"i"}""", Oracle.Text(stray));
        AssertBytes(stray, VelithonJson.SerializeToUtf8Bytes<INode>(new Stray { Id = "i", Depth = 2, Lost = true }));
    }

    [Theory]
    [InlineData("""{"$type":"disc","radius":1,"label":"x"}""")]
    [InlineData("""{"$type":"rect","width":1,"height":2,"label":null}""")]
    [InlineData("""{"radius":1,"$type":"disc"}""")]
    [InlineData("""{"$type":"nope","radius":1}""")]
    [InlineData("""{"$type":1,"radius":1}""")]
    [InlineData("""{"$type":"disc","$type":"disc"}""")]
    [InlineData("""{"$type":"disc","$x":1}""")]
    [InlineData("""{"$type":null}""")]
    [InlineData("""{"$x":1}""")]
    [InlineData("""{"label":"x"}""")]
    [InlineData("""{}""")]
    [InlineData("""[]""")]
    [InlineData("""1""")]
    [InlineData("""{"$type":"rect","width":"x"}""")]
    [InlineData("""{"$type":"disc","radius":1""")]
    [InlineData("""{"$type""")]
    public void Named_figure_inputs_read_like_STJ(string json) => AssertSameRead<IFigure>(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"kind":1,"position":2,"text":"t"}""")]
    [InlineData("""{"kind":2,"value":3000000000}""")]
    [InlineData("""{"kind":"1","position":2}""")]
    [InlineData("""{"kind":99,"position":2}""")]
    [InlineData("""{"kind":1.5}""")]
    [InlineData("""{"position":2}""")]
    [InlineData("""{"position":2,"kind":1}""")]
    [InlineData("""{"kind":1,"kind":1}""")]
    [InlineData("""{"kind":1,"$type":1}""")]
    [InlineData("""{"$type":1}""")]
    [InlineData("""{}""")]
    public void Named_token_inputs_read_like_STJ(string json) => AssertSameRead<IToken>(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"$type":"branch","children":[{"$type":"leaf","id":"a"},{"$type":"branch","children":[]}]}""")]
    [InlineData("""{"$type":"branch","children":[{"$type":"leaf"},{"id":"a"}]}""")]
    [InlineData("""{"$type":"branch","children":[{"$type":"zz"}]}""")]
    [InlineData("""{"$type":"branch","children":[null]}""")]
    [InlineData("""{"$type":"leaf","depth":1,"payload":"p","size":3}""")]
    [InlineData("""{"$type":"twig","thorns":1,"payload":"p"}""")]
    [InlineData("""{"depth":1,"id":"x"}""")]
    public void Named_node_inputs_read_like_STJ(string json) => AssertSameRead<INode>(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"figures":[{"$type":"disc","radius":1},{"$type":"bad"}]}""")]
    [InlineData("""{"tokens":{"k":{"kind":7}}}""")]
    [InlineData("""{"tokens":{"k":{"kind":2,"value":1},"j":null}}""")]
    [InlineData("""{"featured":{"radius":2,"$type":"disc"}}""")]
    [InlineData("""{"framed":[null,{"$type":"rect","width":1,"height":1}]}""")]
    [InlineData("""{"root":{"$type":"branch","children":[{"$type":"leaf","$type":"leaf"}]}}""")]
    public void Named_member_inputs_read_like_STJ(string json) => AssertSameRead<Gallery>(Encoding.UTF8.GetBytes(json));

    private static void Variants(Mutation mutation) => Gen.Select(ReadableGalleries, Gen.Int).Run(t =>
    {
        byte[] json = Oracle.Serialize(t.Item1);
        AssertSameRead<Gallery>(Rewrite(json, new Random(t.Item2), mutation));
    }, iter: 1000, print: t => Oracle.Show(t.Item1));
}
