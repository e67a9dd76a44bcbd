namespace WorkshopBot.Common.Privacy;

/// <summary>NHS number check-digit rule (modulus 11).</summary>
public static class NhsNumber
{
    /// <summary>True when <paramref name="candidate"/> holds exactly ten digits (spaces and hyphens ignored)
    /// whose last digit is the valid modulus-11 check digit of the first nine.</summary>
    public static bool IsValid(string candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        Span<int> digits = stackalloc int[10];
        var count = 0;
        foreach (var c in candidate)
        {
            if (c is ' ' or '-')
            {
                continue;
            }

            if (!char.IsAsciiDigit(c) || count == 10)
            {
                return false;
            }

            digits[count++] = c - '0';
        }

        if (count != 10)
        {
            return false;
        }

        // A run of one repeated digit passes the arithmetic but is never issued; treat it as filler, not a number.
        var allSame = true;
        for (var i = 1; i < 10; i++)
        {
            allSame &= digits[i] == digits[0];
        }

        if (allSame)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += digits[i] * (10 - i);
        }

        var check = 11 - (sum % 11);
        if (check == 11)
        {
            check = 0;
        }

        // A computed check digit of 10 means the number can never be valid.
        return check != 10 && check == digits[9];
    }
}
