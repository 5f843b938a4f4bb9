"""The TAF profile's CMS signature and the WAN chain, on the simulator's real containers."""

from __future__ import annotations

from trudi_py.verify.cms import certificate_signed_by, verify_signed_profile


def _taf2(sim):
    point = next(p for p in sim.data.consumers[0].usage_points if p.taf == "2")
    return point.taf_profile_der


def test_profile_signature_valid_and_content_is_ar2418(household) -> None:
    seal = household.data.wan[0][1]
    result = verify_signed_profile(_taf2(household), seal)
    assert result.status == "valid", result.reason
    assert b"AnalysisProfile" in result.content


def test_changed_byte_in_the_profile_is_detected(household) -> None:
    container = bytearray(_taf2(household))
    pos = container.find(b"tariffUseCase")
    container[pos] ^= 0x01
    result = verify_signed_profile(bytes(container), household.data.wan[0][1])
    assert result.status == "invalid" and "changed" in result.reason


def test_other_certificate_is_not_the_signer(household) -> None:
    other = household.data.wan[1][1]
    assert verify_signed_profile(_taf2(household), other).status == "invalid"


def test_garbage_is_unreadable(household) -> None:
    assert verify_signed_profile(b"\x30\x03\x02\x01\x00", household.data.wan[0][1]).status \
        == "unreadable"


def test_wan_chain(household) -> None:
    for _, sig, sub_ca in household.data.wan:
        assert certificate_signed_by(sig, sub_ca)
    (_, sig0, _), (_, _, sub_ca1) = household.data.wan[:2]
    assert not certificate_signed_by(sig0, sub_ca1)
