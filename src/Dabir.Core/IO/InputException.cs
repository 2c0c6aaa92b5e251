namespace Dabir.IO;

/// <summary>Why an input could not be read as text.</summary>
public enum InputErrorKind
{
    /// <summary>A byte sequence that is not valid UTF-8.</summary>
    InvalidUtf8,

    /// <summary>A NUL byte: the input is a binary file, not text.</summary>
    Binary,
}

/// <summary>An input that is not UTF-8 text, with the byte offset where that was found.</summary>
public sealed class InputException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InputException(InputErrorKind kind, long byteOffset, string message)
        : base(message)
    {
        Kind = kind;
        ByteOffset = byteOffset;
    }

    /// <summary>Creates the exception (serialization-style constructor kept for completeness).</summary>
    public InputException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public InputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>What is wrong with the input.</summary>
    public InputErrorKind Kind { get; }

    /// <summary>Offset of the first offending byte from the start of the input.</summary>
    public long ByteOffset { get; }
}
