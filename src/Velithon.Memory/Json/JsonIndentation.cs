using System.ComponentModel;

namespace Velithon.Json;

/// <summary>
/// How a type compiled with <c>WriteIndented = true</c> indents its output, as <c>JsonSerializerOptions.IndentCharacter</c>,
/// <c>IndentSize</c> and <c>NewLine</c> do: the generated code creates one instance per type and passes it to the indented
/// writer methods (<see cref="VelithonJsonWriter.WriteNewLine"/>, <see cref="VelithonJsonWriter.WriteEndObject(bool, JsonIndentation)"/>,
/// <see cref="VelithonJsonWriter.WriteEndArray(bool, JsonIndentation)"/>). Plumbing for generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class JsonIndentation
{
    private JsonIndentation(char indentCharacter, int indentSize, string newLine)
    {
        IndentCharacter = indentCharacter;
        IndentSize = indentSize;
        NewLine = newLine;
        Character = (byte)indentCharacter;
        CarriageReturn = newLine.Length == 2;
    }

    /// <summary>Gets the indentation character: <c>' '</c> or <c>'\t'</c>.</summary>
    public char IndentCharacter { get; }

    /// <summary>Gets the number of <see cref="IndentCharacter"/> per level (0 to 127).</summary>
    public int IndentSize { get; }

    /// <summary>Gets the line break: <c>"\n"</c> or <c>"\r\n"</c>.</summary>
    public string NewLine { get; }

    /// <summary>Gets <see cref="IndentCharacter"/> as a UTF-8 byte.</summary>
    internal byte Character { get; }

    /// <summary>Gets whether <see cref="NewLine"/> is <c>"\r\n"</c>.</summary>
    internal bool CarriageReturn { get; }

    /// <summary>Creates the settings, validated as <c>JsonSerializerOptions</c> validates them.</summary>
    /// <param name="indentCharacter"><c>' '</c> or <c>'\t'</c>.</param>
    /// <param name="indentSize">0 to 127.</param>
    /// <param name="newLine"><c>"\n"</c>, <c>"\r\n"</c>, or <see langword="null"/> for <see cref="Environment.NewLine"/> (System.Text.Json's default).</param>
    /// <returns>The settings.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value System.Text.Json does not accept.</exception>
    public static JsonIndentation Create(char indentCharacter, int indentSize, string? newLine)
    {
        if (indentCharacter is not (' ' or '\t'))
        {
            throw new ArgumentOutOfRangeException(nameof(indentCharacter), "Supported indentation characters are space and horizontal tab.");
        }

        if (indentSize is < 0 or > 127)
        {
            throw new ArgumentOutOfRangeException(nameof(indentSize), "Indentation size must be between 0 and 127.");
        }

        newLine ??= Environment.NewLine;
        if (newLine is not ("\n" or "\r\n"))
        {
            throw new ArgumentOutOfRangeException(nameof(newLine), "New line can be only \"\\n\" or \"\\r\\n\".");
        }

        return new JsonIndentation(indentCharacter, indentSize, newLine);
    }
}
