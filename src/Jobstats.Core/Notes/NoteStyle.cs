namespace Jobstats.Core.Notes;

public enum NoteStyle { Normal, Bold, BoldRed }
