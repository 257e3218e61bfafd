package say

// systemWords are this system's error codes that need words of their own.
var systemWords = windowsWords
