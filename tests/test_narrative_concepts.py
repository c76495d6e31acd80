"""Which table concept a number in the prose is about (checks/narrative.py `_concept_of`) is
kept per concept list and label. The defects the keeping must not have: answering for one
rule's concepts with another's, or with a list since grown."""

from __future__ import annotations

from gxlint.checks.narrative import _concept_of

RECEIVED = {"name": "收到申请", "label": "收到.*申请", "cells": "apply:new@total"}
PUBLISHED = {"name": "主动公开", "label": "公开", "cells": "active:total"}


def test_the_same_label_is_read_by_each_rule_with_its_own_concepts():
    one, other = [RECEIVED], [PUBLISHED]
    assert _concept_of("收到政府信息公开申请", "件", one) is RECEIVED
    assert _concept_of("收到政府信息公开申请", "件", other) is PUBLISHED


def test_fillers_and_spaces_are_dropped_before_the_patterns_are_tried():
    assert _concept_of("收到 申请共计", "件", [{**RECEIVED, "label": "申请$"}]) is not None


def test_a_unit_the_concept_does_not_count_is_not_read_as_it():
    assert _concept_of("收到申请", "人", [RECEIVED]) is None  # units default to 件


def test_a_concept_list_grown_since_is_read_again():
    concepts = [PUBLISHED]
    assert _concept_of("收到申请", "件", concepts) is None
    concepts.insert(0, RECEIVED)
    assert _concept_of("收到申请", "件", concepts) is RECEIVED
