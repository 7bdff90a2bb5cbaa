using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CsCheck;
using Velithon.Json.Tests.Models;

namespace Velithon.Json.Tests;

/// <summary>
/// Checks the oracle itself, independent of the generated code: STJ reflection and STJ source generation agree byte
/// for byte on every catalogue type, and STJ round trips every generated value under <see cref="DeepEqual.DiffThroughJson"/>
/// (lone surrogates become U+FFFD, Local times go through the machine's offset; nothing else may change). When
/// these fail, the generators or the comparer are wrong, not Velithon.
/// </summary>
public sealed class StjOracleSelfTests
{
    private static readonly Dictionary<string, (Type Type, Gen<object> Gen)> Types = new()
    {
        [nameof(Scalars)] = (typeof(Scalars), Generators.Scalars.Select(v => (object)v)),
        [nameof(Nullables)] = (typeof(Nullables), Generators.Nullables.Select(v => (object)v)),
        [nameof(Enums)] = (typeof(Enums), Generators.Enums.Select(v => (object)v)),
        [nameof(Address)] = (typeof(Address), Generators.Address.Select(v => (object)v)),
        [nameof(Collections)] = (typeof(Collections), Generators.Collections.Select(v => (object)v)),
        [nameof(Person)] = (typeof(Person), Generators.Person.Select(v => (object)v)),
        [nameof(Point)] = (typeof(Point), Generators.Point.Select(v => (object)v)),
        [nameof(PointRecord)] = (typeof(PointRecord), Generators.PointRecord.Select(v => (object)v)),
        [nameof(ReadOnlyPoint)] = (typeof(ReadOnlyPoint), Generators.ReadOnlyPoint.Select(v => (object)v)),
        [nameof(TreeNode)] = (typeof(TreeNode), Generators.TreeNode.Select(v => (object)v)),
        [nameof(LinkedNode)] = (typeof(LinkedNode), Generators.LinkedNode.Select(v => (object)v)),
        [nameof(PersonRecord)] = (typeof(PersonRecord), Generators.PersonRecord.Select(v => (object)v)),
        [nameof(Account)] = (typeof(Account), Generators.Account.Select(v => (object)v)),
        [nameof(Annotated)] = (typeof(Annotated), Generators.Annotated.Select(v => (object)v)),
        [nameof(WithConstructor)] = (typeof(WithConstructor), Generators.WithConstructor.Select(v => (object)v)),
        [nameof(TaggedList)] = (typeof(TaggedList), Generators.TaggedList.Select(v => (object)v)),
        [nameof(AllocationFree)] = (typeof(AllocationFree), Generators.AllocationFree.Select(v => (object)v)),
        [nameof(PrivateMembers)] = (typeof(PrivateMembers), Generators.PrivateMembers.Select(v => (object)v)),
    };

    public static TheoryData<string> TypeNames => new(Types.Keys);

    [Theory]
    [MemberData(nameof(TypeNames))]
    public void Reflection_and_source_generation_agree_and_round_trip(string name)
    {
        (Type type, Gen<object> gen) = Types[name];
        JsonTypeInfo? sourceGen = type == typeof(PrivateMembers) ? null : CatalogueStjContext.Default.GetTypeInfo(type);
        gen.Run(value =>
        {
            byte[] reflection = JsonSerializer.SerializeToUtf8Bytes(value, type, JsonSerializerOptions.Web);
            if (sourceGen is not null)
            {
                // STJ source generation writes a null byte[] as "" (dotnet/runtime#129833); reflection writes null, and
                // reflection is the reference.
                if (!HasNullByteArray(value))
                {
                    byte[] generated = JsonSerializer.SerializeToUtf8Bytes(value, sourceGen);
                    Assert.Equal(Oracle.Text(reflection), Oracle.Text(generated));
                }

                DeepEqual.AssertEqualThroughJson(value, JsonSerializer.Deserialize(reflection, sourceGen));
            }

            DeepEqual.AssertEqualThroughJson(value, JsonSerializer.Deserialize(reflection, type, JsonSerializerOptions.Web));
        }, iter: 300);
    }

    private static bool HasNullByteArray(object value) =>
        value.GetType().GetProperties().Any(p => p.PropertyType == typeof(byte[]) && p.GetValue(value) is null);
}
