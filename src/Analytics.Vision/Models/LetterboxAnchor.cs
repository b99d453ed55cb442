namespace Analytics.Vision.Models;

/// <summary>Where the resized image sits on the square input canvas.</summary>
public enum LetterboxAnchor
{
    TopLeft,
    Center,
}
