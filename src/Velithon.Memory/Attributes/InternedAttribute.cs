namespace Velithon;

/// <summary>
/// Marks a <see cref="string"/> member of a <c>[VelithonJson]</c> type whose values repeat (roles, country codes,
/// tags): the generated deserializer returns one canonical instance per distinct value instead of a new string each
/// time, so a repeated value allocates nothing.
/// </summary>
/// <remarks>
/// Without a table the value goes through the <see cref="Velithon.Memory.StringInterner"/> of the
/// <see cref="VelithonJsonOptions"/>. With a table (<c>[Interned(typeof(Roles))]</c>, a class marked
/// <see cref="InternedStringsAttribute"/>) the raw UTF-8 bytes are looked up in that compile-time table first and a
/// known value comes back as the table's constant; values the table does not know fall back to the interner.
/// </remarks>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, Inherited = false, AllowMultiple = false)]
public sealed class InternedAttribute : Attribute
{
    /// <summary>Interns through the options' runtime interner.</summary>
    public InternedAttribute()
    {
    }

    /// <summary>Resolves values through a compile-time table first, then the options' runtime interner.</summary>
    /// <param name="table">A <c>static partial class</c> marked <see cref="InternedStringsAttribute"/>.</param>
    public InternedAttribute(Type table) => Table = table;

    /// <summary>The <see cref="InternedStringsAttribute"/> table consulted first, or <see langword="null"/>.</summary>
    public Type? Table { get; }
}
