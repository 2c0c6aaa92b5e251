namespace Dabir.IO;

/// <summary>
/// A piece of input text that repair may treat as one line, and what to write after its repaired form to
/// rebuild the input's layout: its line terminator, or (for a line too long to hold in memory, cut at a
/// word boundary) the single space that stood there, or nothing for a hard cut.
/// </summary>
/// <param name="Text">The characters; valid until the reader moves on.</param>
/// <param name="Tail">The line terminator as written (<c>"\n"</c>, <c>"\r\n"</c>, <c>"\r"</c>), <c>" "</c>, or empty.</param>
/// <param name="EndsLine">False when the line goes on in the next chunk.</param>
public readonly record struct TextChunk(ReadOnlyMemory<char> Text, string Tail, bool EndsLine);
