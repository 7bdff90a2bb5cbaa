using System.Text.Encodings.Web;
using Velithon.Memory;

namespace Velithon;

/// <summary>Settings of <c>VelithonJson</c>. Immutable once built; share one instance.</summary>
public sealed class VelithonJsonOptions
{
    /// <summary>The default maximum nesting depth, as in System.Text.Json.</summary>
    public const int DefaultMaxDepth = 64;

    /// <summary>The largest accepted <see cref="MaxDepth"/>.</summary>
    public const int MaxDepthLimit = 1000;

    private readonly int _maxDepth = DefaultMaxDepth;
    private readonly StringInterner _interner = StringInterner.Shared;
    private readonly JavaScriptEncoder? _encoder;

    /// <summary>Creates options with the defaults: depth 64, <see cref="StringInterner.Shared"/>, <see cref="JavaScriptEncoder.Default"/> escaping.</summary>
    public VelithonJsonOptions()
    {
    }

    // The options VelithonJsonConverter<T> runs with inside System.Text.Json: STJ's depth limit (any positive number,
    // as STJ accepts) and its encoder, the interner of the converter's own options.
    private VelithonJsonOptions(VelithonJsonOptions source, int maxDepth, bool relaxedEscaping, System.Text.Json.JsonSerializerOptions? host = null)
    {
        HostOptions = host ?? source.HostOptions;
        _maxDepth = maxDepth;
        _interner = source._interner;
        _encoder = relaxedEscaping ? JavaScriptEncoder.UnsafeRelaxedJsonEscaping : null;
        RelaxedEscaping = relaxedEscaping;
        HasMaxDepth = true;
        ReportsAsStreaming = source.ReportsAsStreaming;
    }

    // The same settings, with the streaming reads' errors (see ReportsAsStreaming).
    private VelithonJsonOptions(VelithonJsonOptions source)
    {
        HostOptions = source.HostOptions;
        _maxDepth = source._maxDepth;
        _interner = source._interner;
        _encoder = source._encoder;
        RelaxedEscaping = source.RelaxedEscaping;
        HasMaxDepth = source.HasMaxDepth;
        ReportsAsStreaming = true;
    }

    /// <summary>Gets the options used when none are given: depth 64, <see cref="StringInterner.Shared"/>.</summary>
    public static VelithonJsonOptions Default { get; } = new();

    /// <summary>
    /// Gets the deepest nesting of objects and arrays read or written (default 64, or the <c>MaxDepth</c> a type was
    /// compiled with: <c>[VelithonJson(MaxDepth = ...)]</c> is the default for that type, and a depth set here wins).
    /// Reading deeper JSON, or writing a deeper (or cyclic) object graph, throws <see cref="System.Text.Json.JsonException"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set outside 1 to <see cref="MaxDepthLimit"/>.</exception>
    public int MaxDepth
    {
        get => _maxDepth;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxDepthLimit);
            _maxDepth = value;
            HasMaxDepth = true;
        }
    }

    /// <summary>Gets whether <see cref="MaxDepth"/> was set (it then wins over the depth a type was compiled with).</summary>
    internal bool HasMaxDepth { get; private init; }

    /// <summary>Gets the interner that <c>[Interned]</c> string members are read through (default <see cref="StringInterner.Shared"/>).</summary>
    public StringInterner Interner
    {
        get => _interner;
        init => _interner = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// Gets how strings are escaped when written, as <c>JsonSerializerOptions.Encoder</c> in System.Text.Json:
    /// <see langword="null"/> or <see cref="JavaScriptEncoder.Default"/> (the default: non-ASCII and HTML-sensitive
    /// characters as <c>\uXXXX</c>), or <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/> (what ASP.NET Core
    /// writes with: non-ASCII text and <c>&lt; &gt; &amp; ' + `</c> as they are). Strings and dictionary keys are then
    /// byte-identical to System.Text.Json with the same encoder. Property names and enum names are escaped when the
    /// type is compiled, with the default encoder: writing a type whose names would be escaped differently with the
    /// relaxed encoder throws <see cref="NotSupportedException"/> instead of writing other bytes (see
    /// <c>VelithonJsonContract.SupportedEncoders</c>).
    /// </summary>
    /// <exception cref="ArgumentException">Set to any other encoder: generated code implements only these two.</exception>
    public JavaScriptEncoder? Encoder
    {
        get => _encoder;
        init
        {
            if (value is not null && !ReferenceEquals(value, JavaScriptEncoder.Default) && !ReferenceEquals(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping))
            {
                throw new ArgumentException(
                    "VelithonJson writes strings as System.Text.Json does with JavaScriptEncoder.Default or JavaScriptEncoder.UnsafeRelaxedJsonEscaping; other encoders are not supported.",
                    nameof(value));
            }

            _encoder = value;
            RelaxedEscaping = ReferenceEquals(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        }
    }

    /// <summary>Gets whether <see cref="Encoder"/> is <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>.</summary>
    internal bool RelaxedEscaping { get; private init; }

    /// <summary>
    /// Gets whether read errors are reported as System.Text.Json's streaming reads (<c>DeserializeAsync</c>,
    /// <c>DeserializeAsyncEnumerable</c>) report them rather than as its reads of a whole buffer do. The two differ in
    /// two places: a member read after a constructor with parameters fails where it stands (a buffer read reports it
    /// after the object's end, see <c>JsonRead.DefersMemberError</c>), and an error reading the token after a
    /// dictionary entry is not under the entry's key.
    /// </summary>
    internal bool ReportsAsStreaming { get; private init; }

    private VelithonJsonOptions? _streaming;

    /// <summary>These options for the streaming reads (<see cref="ReportsAsStreaming"/>); one instance per options instance.</summary>
    internal VelithonJsonOptions ForStreaming => ReportsAsStreaming ? this : _streaming ??= new VelithonJsonOptions(this);

    /// <summary>These options with the depth a type was compiled with (any positive number, as System.Text.Json accepts).</summary>
    internal VelithonJsonOptions WithCompiledMaxDepth(int maxDepth) => new(this, maxDepth, RelaxedEscaping);

    /// <summary>
    /// Gets the System.Text.Json options the generated code runs inside (<c>VelithonJsonConverter&lt;T&gt;</c>, checked to
    /// match the type's contract): custom <c>[JsonConverter]</c> converters are handed these; <see langword="null"/> outside
    /// System.Text.Json, where they get options equivalent to the type's compiled settings.
    /// </summary>
    internal System.Text.Json.JsonSerializerOptions? HostOptions { get; }

    /// <summary>These options with System.Text.Json's depth limit (any positive number), escaping, and the host options themselves.</summary>
    internal VelithonJsonOptions ForSystemTextJson(int maxDepth, bool relaxedEscaping, System.Text.Json.JsonSerializerOptions host) =>
        new(this, maxDepth, relaxedEscaping, host);
}
