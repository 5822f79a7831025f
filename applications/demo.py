"""The demo cohort: about 30 Liverpool City Region schools (a third of them priority schools) apply for more
students than the 250 places; the allocation service then places exactly 250, 21 of them in the cancer-services
home group, and four other home groups visit Cancer services.

Reads ctx.event (its service areas, made by eventsite/demo.py), ctx.objects["organiser"] and ctx.objects["staff"].
Leaves in ctx.objects: "schools" (list), "home_groups" (list), "cancer_group" (the cancer-services HomeGroup),
"visiting_groups" (the four HomeGroups visiting Cancer services) and "school_contact" (a demo school's contact).
"""

import datetime

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from applications import services
from applications.models import Application, ApplicationChoice, GatsbyStatus, GroupVisit, HomeGroup, School
from eventsite.roles import SCHOOL_CONTACTS

SCHOOL_EMAIL_DOMAIN = "school.example.org"  # the demo schools' addresses: fictional, and how reset finds them
LOCAL_AUTHORITIES = {  # local authority -> postcode districts
    "Liverpool": ["L4", "L8", "L11", "L15", "L25"],
    "Knowsley": ["L28", "L34", "L36"],
    "Sefton": ["L20", "L30", "PR8"],
    "St Helens": ["WA9", "WA10", "WA11"],
    "Wirral": ["CH41", "CH44", "CH49", "CH62"],
    "Halton": ["WA7", "WA8"],
}
SCHOOL_FIRST = [
    "Brookfield", "Hollybank", "Kingsmere", "Larkhill", "Meadowcroft", "Oakwood", "Riverside", "Stonebridge",
    "Thornfield", "Willowbrook", "Ashgrove", "Beechwood", "Cedar Vale", "Elmstead", "Fernhill", "Greenbank",
    "Hazeldene", "Juniper Park", "Kestrel", "Linnet Lane", "Maplestone", "Northgate", "Orchard Park", "Primrose Hill",
    "Quarrybank", "Rowan Heath", "Sandpiper", "Tamarind", "Upton Vale", "Wrenfield",
]  # fmt: skip
SCHOOL_KIND = ["High School", "Academy", "Community College", "Catholic High School", "School"]
FIRST_NAMES = [
    "Aisha", "Alfie", "Amelia", "Ava", "Ben", "Callum", "Chloe", "Daisy", "Dylan", "Ella", "Ethan", "Evie", "Freya",
    "George", "Grace", "Harry", "Isla", "Jack", "Jacob", "Jasmine", "Kai", "Leo", "Lily", "Logan", "Maya", "Mia",
    "Noah", "Olivia", "Oscar", "Poppy", "Reuben", "Ruby", "Sam", "Sofia", "Theo", "Zara", "Zain", "Niamh", "Kofi",
]  # fmt: skip
SURNAME_STEMS = [
    "Apple", "Bramble", "Cobble", "Dapple", "Elder", "Fern", "Glimmer", "Heather", "Inkle", "Kettle",
    "Lark", "Moss", "Nettle", "Otter", "Pebble", "Quill", "Rook", "Sorrel", "Thistle", "Willow",
]  # fmt: skip
SURNAME_ENDS = ["whistle", "combe", "thwaite", "ford", "by", "wick", "worth", "dale", "ridge", "stone"]
STATEMENTS = [
    "I want to be a {role} and would like to see what the job is like day to day.",
    "My nan was looked after by a {role} and I want to find out how to train for it.",
    "I like science at school and want to know which NHS jobs use it, especially {role}.",
    "I am not sure what I want to do yet and would like to try different areas of the NHS.",
    "I volunteer at a care home and want to learn about careers like {role}.",
]
ROLES = ["nurse", "radiographer", "paramedic", "physiotherapist", "midwife", "biomedical scientist", "pharmacist"]
NEEDS = [
    "Uses a wheelchair; needs step-free routes.",
    "Has asthma and carries an inhaler.",
    "Finds loud, busy rooms hard; may need short breaks.",
]
# Area name -> how often it is picked (Cancer services is oversubscribed), and its home groups (name, capacity).
# The capacities sum to the event's 250 places, so placing 250 fills every group: the cancer group has 21.
AREAS = {
    "Cancer services": (1.6, [("Cancer services home group", 21)]),
    "Nursing and midwifery": (1.3, [("Nursing home group", 30), ("Midwifery home group", 25)]),
    "Allied health professions": (
        1.2,
        [("Therapies home group", 30), ("Radiography and paramedics home group", 28)],
    ),
    "Mental health": (1.1, [("Mental health home group", 30)]),
    "Emergency and urgent care": (1.3, [("Emergency care home group", 30)]),
    "Healthcare science": (0.8, [("Healthcare science home group", 28)]),
    "Wider healthcare team": (0.7, [("Wider team home group", 28)]),
}
VISITING_CANCER_SERVICES = [
    "Nursing home group",
    "Therapies home group",
    "Emergency care home group",
    "Healthcare science home group",
]
SCHOOL_COUNT, PRIORITY_COUNT = 30, 10
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def reset() -> None:
    """Remove the demo schools, which belong to no event and so outlive the demo event. Their addresses are all
    at example.org, a domain reserved for documentation that no real school uses."""
    School.objects.filter(contact_email__endswith="example.org").delete()


def seed(ctx) -> None:
    areas = {area.name: area for area in ctx.event.service_areas.all()}
    schools = _schools(ctx)
    groups = _home_groups(ctx, areas)
    _applications(ctx, schools, areas)
    organiser = ctx.objects["organiser"]
    run = services.allocation_run_create(event=ctx.event, by=organiser, seed=ctx.rng.randrange(1_000_000))
    services.allocation_run_apply(run=run, by=organiser)
    services.decisions_publish(event=ctx.event, by=organiser, notify=False)
    by_name = {group.name: group for group in groups}
    visiting = [by_name[name] for name in VISITING_CANCER_SERVICES]
    GroupVisit.objects.bulk_create(GroupVisit(home_group=g, service_area=areas["Cancer services"]) for g in visiting)
    contact = ctx.make_user("school.contact", "Casey", "Careersby", role=SCHOOL_CONTACTS)
    schools[0].contacts.add(contact)
    School.objects.filter(pk=schools[0].pk).update(contact_email=contact.email)
    ctx.objects.update(
        schools=schools,
        home_groups=groups,
        cancer_group=by_name["Cancer services home group"],
        visiting_groups=visiting,
        school_contact=contact,
    )


def _schools(ctx) -> list[School]:
    rng, verified_at = ctx.rng, ctx.event.applications_open_at - datetime.timedelta(days=7)
    names = rng.sample(SCHOOL_FIRST, SCHOOL_COUNT)
    urns = rng.sample(range(100000, 150000), SCHOOL_COUNT)
    authorities = list(LOCAL_AUTHORITIES)
    priority = set(rng.sample(range(SCHOOL_COUNT), PRIORITY_COUNT))
    schools = []
    for i, name in enumerate(names):
        authority = authorities[i % len(authorities)]
        district = rng.choice(LOCAL_AUTHORITIES[authority])
        below = rng.choice([(GatsbyStatus.BELOW, GatsbyStatus.AT), (GatsbyStatus.AT, GatsbyStatus.BELOW)])
        good = rng.choice([(GatsbyStatus.AT, GatsbyStatus.AT), (GatsbyStatus.ABOVE, GatsbyStatus.AT)])
        benchmark_5, benchmark_6 = below if i in priority else good
        schools.append(
            School(
                name=f"{name} {rng.choice(SCHOOL_KIND)}",
                urn=str(urns[i]),
                local_authority=authority,
                postcode=f"{district} {rng.randint(1, 9)}{rng.choice(POSTCODE_LETTERS)}{rng.choice(POSTCODE_LETTERS)}",
                contact_name=f"{rng.choice(FIRST_NAMES)} {_surname(rng)}",
                contact_email=f"careers{i + 1}@{SCHOOL_EMAIL_DOMAIN}",
                gatsby_benchmark_5=benchmark_5,
                gatsby_benchmark_6=benchmark_6,
                verified_at=verified_at,
                verified_by=ctx.objects["organiser"],
            )
        )
    return bulk_create_with_history(schools, School)


def _home_groups(ctx, areas) -> list[HomeGroup]:
    leader = {"Cancer services home group": ctx.objects["staff"][1]}
    groups = [
        HomeGroup(event=ctx.event, service_area=areas[area], name=name, capacity=capacity, leader=leader.get(name))
        for area, (_, specs) in AREAS.items()
        for name, capacity in specs
    ]
    return bulk_create_with_history(groups, HomeGroup)


def _surname(rng) -> str:
    return rng.choice(SURNAME_STEMS) + rng.choice(SURNAME_ENDS)


def _applications(ctx, schools: list[School], areas) -> None:
    rng, event = ctx.rng, ctx.event
    names, weights = list(AREAS), [weight for weight, _ in AREAS.values()]
    opened = timezone.localtime(event.applications_open_at).date()
    applications, choices = [], []
    for school in schools:
        taken: set[tuple[str, str]] = set()
        size = rng.randint(10, 15)
        while len(taken) < size:
            first, surname = rng.choice(FIRST_NAMES), _surname(rng)
            if (first, surname) in taken:
                continue
            taken.add((first, surname))
            picked: list[str] = []
            while len(picked) < 3:
                area = rng.choices(names, weights)[0]
                if area not in picked:
                    picked.append(area)
            applications.append(
                Application(
                    event=event,
                    school=school,
                    first_name=first,
                    surname=surname,
                    year_group=10,
                    statement=rng.choice(STATEMENTS).format(role=rng.choice(ROLES)),
                    needs=rng.choice(NEEDS) if rng.random() < 0.08 else "",
                    guardian_name=f"{rng.choice(FIRST_NAMES)} {surname}",
                    consent_date=opened + datetime.timedelta(days=rng.randint(0, 40)),
                    photo_consent=rng.random() < 0.85,
                )
            )
            choices.append([areas[name] for name in picked])
    created = bulk_create_with_history(applications, Application)
    ApplicationChoice.objects.bulk_create(
        ApplicationChoice(application=application, rank=rank, service_area=area)
        for application, areas_chosen in zip(created, choices, strict=True)
        for rank, area in enumerate(areas_chosen, start=1)
    )
