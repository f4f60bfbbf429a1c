"""handouts: a clinic's YAML exercise library → branded per-patient PDF home programs.

The public API, for the shells (``cli/``, ``web/``, ``mail/``, ``batch``) and for anyone
scripting the clinic's own jobs:

    import handouts
    ws = handouts.open_workspace()
    built = handouts.build_handout(handouts.load_program("examples/jane-doe.yaml", ws), ws)

Each name is imported on first use, so `import handouts` costs nothing: a command that only
prints its help does not load pydantic or reportlab.

The stages, one folder each, data flowing one way:
``input/`` (YAML → models) → ``resolve`` (→ Handout) → ``render/`` (→ PDF bytes), with
``words/`` holding every patient-facing word; ``build`` is the API over them, ``checks`` and
``files`` stand beside it.
"""

from __future__ import annotations

import importlib

from handouts import lazy_patterns

# before anything imports yaml, jinja2 or reportlab: patterns they compile as they load, for
# code a build seldom runs, are compiled when first used
lazy_patterns.defer()

__version__ = "0.1.0"

_EXPORTS = {
    "handouts.workspace": (
        "ROOT", "DEFAULT_LIBRARY", "DEFAULT_CLINIC", "Workspace", "open_workspace",
        "inside_folder", "reload_local_protocols", "local_protocol_entries",
        "check_local_protocols", "files_stamp"),
    "handouts.programs": (
        "load_program", "program_from_data", "program_from_options", "program_with",
        "parse_exercise_option", "validate_dose", "validate_stage_weeks", "yaml_path",
        "program_items", "program_topics", "in_file", "notes_written_for"),
    "handouts.build": (
        "listed_dose", "resolve_program", "resolve_row", "Built", "render_handouts",
        "render_each", "build_handout", "build_packet", "warm_up", "page_count", "unprintable",
        "draw_exercise", "can_draw_png", "pictures_as_named", "handout_notices",
        "compiled_templates", "keep_compiled_templates"),
    "handouts.checks": (
        "preflight", "library_picture_problems", "logo_problems",
        "plain_language_findings", "unprintable_wording", "check_fonts", "colour_warnings",
        "safety_line_warnings", "numbered_step_warnings", "address_warnings",
        "typed_text_warnings"),
    "handouts.emergency_checks": ("emergency_number_warnings", "own_number_notes",
                                  "token_warnings"),
    "handouts.wording_checks": ("wording_problems", "wording_warnings", "template_gap_warnings"),
    "handouts.wording_lacks": ("caregiver_wording_lacks", "side_wording_lacks",
                               "next_page_wording_lacks"),
    "handouts.staff_wording": ("own_staff_words", "staff_word_problems"),
    "handouts.as_protocol": ("program_from_protocol",),
    "handouts.program_files": ("ProgramFile", "read_program_files"),
    "handouts.picture_checks": ("picture_warnings", "logo_warnings", "figure_pose_warnings"),
    "handouts.twice_checks": ("twice_warnings",),
    "handouts.side_checks": ("side_warnings", "drawn_side_notices"),
    "handouts.language_checks": (
        "plain_language_note", "untranslated_entries", "untranslated_by_entry",
        "untranslated_figure_words", "untranslated_clinic_texts",
        "untranslated_log_rows", "rows_in_no_language", "wording_to_translate",
        "figure_words_warnings", "translations_without_wording", "unpaired_lists",
        "log_wording_problems", "caregiver_wording_warnings"),
    "handouts.file_names": ("slug", "name_slug", "name_slugs", "pdf_names",
                            "handout_filename", "handout_filenames", "program_name",
                            "is_program_name", "program_name_numbered"),
    "handouts.files": ("write_atomic", "write_new", "write_new_or_found", "rename_new", "write_exclusive",
                       "numbered", "make_folder", "refuse_inputs", "folder_lock", "file_lock",
                       "Modes", "PRIVATE", "print_modes", "stamp", "file_stamp", "folder_trouble"),
    "handouts.errors": ("HandoutError", "Location", "Problem", "fault"),
    "handouts.resolve": ("Handout", "HandoutExercise", "emergency_called"),
    "handouts.identity": ("as_issued", "counted_before"),
    "handouts.input.models": (
        "Program", "ProgramExercise", "Library", "Clinic", "Smtp", "Exercise", "Protocol",
        "check_email"),
    "handouts.input.dose_models": ("Dose", "DOSE_FIELDS", "STAGE_FIELDS"),
    "handouts.input.loading": ("load_clinic",),
    "handouts.input.clock": ("Days", "clinic_now", "clinic_today", "clinic_time",
                             "too_far_ahead"),
    "handouts.input.visits": ("MAX_LOG_WEEKS", "week_of"),
    "handouts.input.month_days": ("not_real",),
    "handouts.input.progression": ("carried_spans",),
    "handouts.starter": ("NewClinic", "make_clinic_folder", "language_note"),
    "handouts.language_start": ("start_language", "Started"),
    "handouts.input.cache": ("cache_root",),
    "handouts.input.roster": ("Row", "Roster", "load_roster"),
    "handouts.input.patient": ("folded", "NO_CAREGIVER"),
    "handouts.repeats": ("Repeats",),
    "handouts.row_notes": ("by_row", "numbered_by_row"),
    "handouts.words.text": ("phrase", "languages", "language_name", "part", "Texts",
                            "writes_right_to_left", "no_wording"),
    "handouts.words.dose": ("phrase_frequency",),
}
# names that read better from outside than inside their module
_RENAMED = {
    "LONG_LOG_MEANT": ("handouts.input.visits", "MEANT"),
    "phrase_dose": ("handouts.words.dose", "phrase"),
    "wording": ("handouts.words.text", "strings"),
    "render_wording": ("handouts.words.template_files", "render"),
    "photo_thumbnail": ("handouts.render.photos", "thumbnail"),
    "UnreadablePhoto": ("handouts.render.photos", "Unreadable"),
    "photo_problem": ("handouts.render.photos", "problem"),
    "picture_wrong_type": ("handouts.render.photos", "wrong_type"),
    "PHOTO_SUFFIXES": ("handouts.render.photos", "SUFFIXES"),
    "svg_problem": ("handouts.render.svgs", "problem"),
    "cache_used": ("handouts.input.cache_folder", "used"),
    "picture_digest_kept": ("handouts.input.digests", "digest_kept"),
    "prune_cache": ("handouts.input.cache_folder", "prune"),
    "language_tag": ("handouts.words.languages", "tag"),
    "time_of_day": ("handouts.words.languages", "time_of_day"),
    "cldr_long_date": ("handouts.words.languages", "long_date"),
    "staff_catalogue": ("handouts.staff_wording", "catalogue"),
    "staff_package_words": ("handouts.staff_wording", "package_words"),
    "plural_category": ("handouts.words.plurals", "category"),
    "plural_rule_of": ("handouts.words.plurals", "counted_as"),
    "date_example": ("handouts.words.languages", "roster_example"),
    "order_free_date": ("handouts.input.roster_dates", "order_free"),
    "clinic_date": ("handouts.input.roster_dates", "iso_date"),
    "roster_languages": ("handouts.input.columns", "languages_read"),
    "roster_columns": ("handouts.input.columns", "columns_read"),
    "join_words": ("handouts.words.joins", "join"),
    "join_gap": ("handouts.words.joins", "between"),
    "phrase_to_reader": ("handouts.words.caregiver", "phrase"),
    "caregiver_first_name": ("handouts.words.caregiver", "first_name"),
    "RosterDesk": ("handouts.input.roster", "Desk"),
    "log_pain_said": ("handouts.log_settings", "pain_said"),
    "log_rows_said": ("handouts.log_settings", "rows_said"),
    "address_refusal": ("handouts.input.addresses", "refusal"),
    "address_meant": ("handouts.input.addresses", "meant"),
    "clinic_domains": ("handouts.input.addresses", "clinic_domains"),
    "looks_mistyped": ("handouts.input.addresses", "looks_mistyped"),
}
_WHERE = {name: (module, name) for module, names in _EXPORTS.items() for name in names}
_WHERE.update(_RENAMED)

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module 'handouts' has no attribute {name!r}")
    module, attribute = _WHERE[name]
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value  # the next look-up is a plain attribute
    return value


def __dir__() -> list[str]:
    return __all__
