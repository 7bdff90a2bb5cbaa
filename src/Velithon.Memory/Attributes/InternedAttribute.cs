namespace Velithon;

/// <summary>
/// Marks a <see cref="string"/> member of a <c>[VelithonJson]</c> type whose values repeat (roles, country codes,
/// tags): the generated deserializer returns one canonical instance per distinct value, from the
/// <see cref="Velithon.Memory.StringInterner"/> of the <see cref="VelithonJsonOptions"/>, instead of a new string
/// each time. A repeated value then allocates nothing.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, Inherited = false, AllowMultiple = false)]
public sealed class InternedAttribute : Attribute;
