"""Demo step: sign-ins at every level of the system."""

from __future__ import annotations

from django.db.models import Count

from trellis.accounts.models import Membership, Role, User
from trellis.demo.pipeline import DEMO_PASSWORD, DemoContext
from trellis.orgs.models import Kind, Organization


def _user(context: DemoContext, email: str, name: str, org: Organization, role: Role, title: str, who: str) -> User:
    user = User.objects.create_user(email, DEMO_PASSWORD, full_name=name)
    Membership.objects.create(user=user, organization=org, role=role, title=title)
    context.sign_ins.append((who, email, org.name))
    return user


def demo_accounts(context: DemoContext) -> None:
    state = Organization.objects.get(kind=Kind.STATE)
    fresno_coe = Organization.objects.get(kind=Kind.COE, county_name="Fresno")
    region = fresno_coe.region
    assert region is not None
    schools_per_lea = (
        Organization.objects.filter(kind=Kind.LEA).exclude(lea_type="charter").annotate(n=Count("children"))
    )
    urban = schools_per_lea.filter(county_name="Fresno").order_by("-n").first()  # Fresno Unified
    rural = schools_per_lea.filter(county_name="Fresno", n__gte=1, n__lte=2).order_by("name").first()
    charter = (
        Organization.objects.filter(kind=Kind.LEA, lea_type="charter", county_name="Fresno").order_by("name").first()
    )
    assert urban and rural and charter
    school = (
        Organization.objects.filter(parent=urban, kind=Kind.SCHOOL, school_level="elementary").order_by("name").first()
    )
    assert school is not None
    _user(
        context,
        "state.admin@demo.trellis.test",
        "Alex Rivera",
        state,
        Role.ADMINISTRATOR,
        "State System of Support coordinator",
        "State administrator",
    )
    _user(
        context,
        "region.lead@demo.trellis.test",
        "Morgan Lee",
        region,
        Role.LEADER,
        "Geographic lead coordinator",
        "Regional lead",
    )
    _user(
        context,
        "coe.leader@demo.trellis.test",
        "Jordan Patel",
        fresno_coe,
        Role.LEADER,
        "Director, differentiated assistance",
        "County office leader",
    )
    _user(
        context,
        "coe.coach@demo.trellis.test",
        "Sam Nguyen",
        fresno_coe,
        Role.COACH,
        "Improvement coach",
        "County office coach",
    )
    _user(
        context,
        "district.leader@demo.trellis.test",
        "Taylor Garcia",
        urban,
        Role.LEADER,
        "Assistant superintendent",
        "Large urban district leader",
    )
    _user(
        context,
        "rural.leader@demo.trellis.test",
        "Casey Morales",
        rural,
        Role.LEADER,
        "Superintendent-principal",
        "Small rural district leader",
    )
    _user(
        context,
        "charter.leader@demo.trellis.test",
        "Riley Chen",
        charter,
        Role.LEADER,
        "Executive director",
        "Charter school leader",
    )
    _user(context, "principal@demo.trellis.test", "Jamie Flores", school, Role.LEADER, "Principal", "School principal")
    _user(
        context,
        "teacher@demo.trellis.test",
        "Drew Kim",
        school,
        Role.MEMBER,
        "Teacher, improvement team",
        "School team member",
    )
