using System.Text.Json;
using System.Text.Json.Serialization;

namespace Velithon.Json.Tests.Models;

/// <summary>
/// STJ source generation for the catalogue, with the Web defaults the oracle uses. <see cref="PrivateMembers"/> is
/// left out: STJ source generation cannot see private [JsonInclude] members (SYSLIB1038); STJ reflection is its oracle.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Scalars))]
[JsonSerializable(typeof(Nullables))]
[JsonSerializable(typeof(Enums))]
[JsonSerializable(typeof(Address))]
[JsonSerializable(typeof(Collections))]
[JsonSerializable(typeof(Person))]
[JsonSerializable(typeof(Point))]
[JsonSerializable(typeof(PointRecord))]
[JsonSerializable(typeof(ReadOnlyPoint))]
[JsonSerializable(typeof(TreeNode))]
[JsonSerializable(typeof(LinkedNode))]
[JsonSerializable(typeof(PersonRecord))]
[JsonSerializable(typeof(Account))]
[JsonSerializable(typeof(Annotated))]
[JsonSerializable(typeof(WithConstructor))]
[JsonSerializable(typeof(Tagged))]
[JsonSerializable(typeof(Untagged))]
[JsonSerializable(typeof(TaggedList))]
[JsonSerializable(typeof(UntaggedList))]
[JsonSerializable(typeof(AllocationFree))]
[JsonSerializable(typeof(FastPoco))]
public partial class CatalogueStjContext : JsonSerializerContext;
