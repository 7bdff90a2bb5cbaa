namespace Velithon;

/// <summary>
/// Asks the Velithon.Gen source generator to build a compile-time string table from the <see langword="const"/>
/// <see cref="string"/> fields of this <see langword="static"/> <see langword="partial"/> class.
/// </summary>
/// <remarks>
/// <para>
/// The generator adds to the class <c>TryGet</c> and <c>GetOrAdd</c> methods taking UTF-8 bytes
/// (<see cref="System.ReadOnlySpan{T}"/> of <see cref="byte"/>) or characters, a <c>&lt;Name&gt;Utf8</c> property per
/// constant, an <c>All</c> list and a <c>Count</c> constant. A lookup that finds a value returns the constant itself (the
/// same instance every time) and allocates nothing; it is a switch on the length, then on the code unit that tells the
/// candidates apart, written out at compile time.
/// </para>
/// <para>
/// <c>GetOrAdd</c> falls back to <see cref="Velithon.Memory.StringInterner.Shared"/> for values that are not in the table.
/// Problems with the class or its fields are compile-time errors VLG201–VLG206.
/// </para>
/// <para>
/// With <see cref="File"/> the table also holds the lines of an additional file (<c>*.interned.txt</c>, one value per
/// line), for vocabularies too large to write as constants; problems in the file are errors VLG207–VLG209.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// [InternedStrings]
/// public static partial class HeaderNames
/// {
///     public const string Accept = "Accept";
///     public const string ContentType = "Content-Type";
/// }
///
/// if (HeaderNames.TryGet(utf8Name, out string? name)) { /* name is HeaderNames.Accept or HeaderNames.ContentType */ }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class InternedStringsAttribute : Attribute
{
    /// <summary>
    /// Gets or sets the name of an additional file (<c>&lt;AdditionalFiles Include="Vocab/headers.interned.txt" /&gt;</c>)
    /// whose lines are added to the table after the constants, each with a generated <see langword="const"/> member
    /// named after its value. A bare file name (<c>"headers.interned.txt"</c>) matches the additional file of that name
    /// in any folder; a name with a folder (<c>"Vocab/headers.interned.txt"</c>) matches the end of the file's path.
    /// The name must end with <c>.interned.txt</c>. See docs/interning.md, "Tables from a file".
    /// </summary>
    public string? File { get; set; }
}
