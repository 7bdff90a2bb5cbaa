using System;
using System.Text;

namespace Velithon.Generators.Common;

/// <summary>An indentation-aware text builder for generated source.</summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _builder = new();
    private int _indent;

    public int Indent => _indent;

    public SourceWriter Line(string text)
    {
        if (text.Length != 0)
        {
            for (int i = 0; i < _indent; i++)
            {
                _builder.Append(IndentUnit);
            }

            _builder.Append(text);
        }

        _builder.Append('\n');
        return this;
    }

    public SourceWriter Line() => Line(string.Empty);

    /// <summary>Writes each line of a multi-line block at the current indentation.</summary>
    public SourceWriter Lines(string block)
    {
        foreach (string line in block.Replace("\r\n", "\n").Split('\n'))
        {
            Line(line);
        }

        return this;
    }

    /// <summary>Writes what <paramref name="body"/> writes one level deeper (switch sections).</summary>
    public SourceWriter Indented(Action body)
    {
        _indent++;
        body();
        _indent--;
        return this;
    }

    public SourceWriter OpenBlock(string header)
    {
        Line(header);
        return OpenBrace();
    }

    public SourceWriter OpenBrace()
    {
        Line("{");
        _indent++;
        return this;
    }

    public SourceWriter CloseBrace(string suffix = "")
    {
        if (_indent == 0)
        {
            throw new InvalidOperationException("Unbalanced braces in generated source.");
        }

        _indent--;
        return Line("}" + suffix);
    }

    public override string ToString() => _builder.ToString();
}
