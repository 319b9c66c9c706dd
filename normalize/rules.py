"""Every repair rule renja may log, in one place.

A repair in ``repairs.csv`` names one of these functions in its ``rule`` column (several joined
with ``+`` when more than one fired on a cell). Each has a doctest showing the damaged input.
"""

from __future__ import annotations

from collections.abc import Callable

from renja.normalize import (
    align,
    continuation,
    decided,
    glued,
    groups,
    kode,
    labels,
    percent,
    record_amounts,
    rupiah,
    spanned,
    target,
    values,
    words,
)

REPAIR_RULES: tuple[Callable[..., object], ...] = (
    # Rupiah and other numbers
    rupiah.join_wrapped_number,
    rupiah.join_wrapped_digits,
    rupiah.accept_missing_separators,
    rupiah.read_comma_thousands,
    rupiah.read_us_decimal,
    rupiah.read_space_thousands,
    rupiah.drop_trailing_comma,
    rupiah.drop_stray_dots,
    rupiah.drop_footnote_mark,
    rupiah.read_unit_word,
    values.scale_amount,
    percent.read_dot_as_decimal,
    # Targets
    target.read_bound,
    target.join_split_digits,
    target.join_split_unit,
    target.canonical_satuan,
    # Codes
    kode.replace_comma_in_kode,
    kode.join_code_columns,
    kode.join_split_kode,
    kode.drop_trailing_dot,
    kode.split_kegiatan_segment,
    kode.insert_kegiatan_prefix,
    kode.resolve_generic_bidang,
    # Text
    words.rejoin_split_words,
    # Table structure
    align.align_row,
    continuation.merge_continuations,
    continuation.merge_detail_line,
    continuation.completes_cut_record,
    continuation.completes_cut_row,
    labels.move_label_to_uraian,
    labels.move_code_label,
    groups.split_band_heading,
    groups.fold_group_footer,
    record_amounts.lift_record_amount,
    spanned.drop_spanned_repeats,
    spanned.drop_repeated_record,
    glued.split_amount_from_words,
    # A person's decision (keputusan.csv)
    decided.keputusan,
)

RULE_NAMES = frozenset(rule.__name__ for rule in REPAIR_RULES)
