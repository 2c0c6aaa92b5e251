namespace Dabir.Archive.Query;

/// <summary>A search query that cannot be read: the message says what is wrong and where (a 0-based character position).</summary>
public sealed class QuerySyntaxException : Exception
{
    /// <summary>An exception with no detail.</summary>
    public QuerySyntaxException()
    {
    }

    /// <summary>An exception with a message.</summary>
    public QuerySyntaxException(string message) : base(message)
    {
    }

    /// <summary>An exception with a message and its cause.</summary>
    public QuerySyntaxException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>An exception at <paramref name="position"/> in the query.</summary>
    public QuerySyntaxException(string message, int position) : base($"{message} (at character {position + 1})")
    {
        Position = position;
    }

    /// <summary>Where in the query the problem is (0-based), or -1.</summary>
    public int Position { get; } = -1;
}
