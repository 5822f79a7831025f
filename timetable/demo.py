"""The write-up's week for the cancer-services home group, Monday 17 to Friday 21 June 2024.

Reads from ctx.objects: "organiser", "staff" (core), "job_profiles" (profiles), "cancer_group" and
"visiting_groups" (applications). Leaves: "rooms" (by name), "presenters" (all 32), "sessions" (every
session made here), "cancer_sessions" (the sessions of the cancer group's seven, a rotation's activities included),
"cancer_rotation" and "public_timetables" (by home group id).

The cancer group's week is seven sessions: six for the whole group and one rotation, in which three sub-groups
take the marketplace, the campus tour and careers info in turn (nine sessions that count as one). Every session is
scheduled through the same services as in the browser, so a clash would stop the seed.
"""

import datetime

from applications.models import GroupVisit
from eventsite.demo import DemoContext
from eventsite.roles import PRESENTERS
from timetable import services
from timetable.models import Organisation, Presenter, Room, SessionKind, SessionState, Unavailability

CCC = "The Clatterbridge Cancer Centre NHS Foundation Trust"
WIRRAL = "Wirral Community Health and Care (CIC)"
MACMILLAN = "Macmillan Cancer Support"
NHSE = "NHS England"
CMCA = "Cheshire and Merseyside Cancer Alliance"

ROOMS = [
    ("Cancer services base room", 30, "Ground floor, step-free; hearing loop; accessible toilet next door."),
    ("Seminar room 2", 30, "First floor, lift access."),
    ("Careers room", 30, "Ground floor, step-free."),
    ("Marketplace hall", 250, "Ground floor, step-free; quiet room available beside the hall."),
    ("Campus tour meeting point", 40, "Main reception; the tour route is step-free."),
    ("Lecture theatre", 120, "Step-free entrance at the front; hearing loop."),
]

# The core seed's four staff present the NHS-led morning. The other 28 presenters, all fictional: staff users
# have an account (username, first, last, organisation, job title); guests are named only.
STAFF_ORGANISATIONS = {
    "staff.radiography": (CCC, "Diagnostic radiographer"),
    "staff.supportive": (WIRRAL, "Cancer support worker"),
    "staff.treatments": (CCC, "Chemotherapy nurse"),
    "staff.macmillan": (MACMILLAN, "Macmillan information and support officer"),
}
MORE_STAFF = [
    ("staff.carla", "Carla", "Cartwright", CMCA, "Senior project manager"),
    ("staff.nadia", "Nadia", "Newland", NHSE, "Workforce lead"),
    ("staff.piers", "Piers", "Pembury", CCC, "Oncology physiotherapist"),
    ("staff.rosa", "Rosa", "Redfern", CCC, "Research nurse"),
    ("staff.sian", "Sian", "Sallow", CCC, "Speech and language therapist"),
    ("staff.marcus", "Marcus", "Marlowe", CCC, "Therapeutic radiographer"),
    ("staff.megan", "Megan", "Mossley", CCC, "Clinical nurse specialist"),
    ("staff.matteo", "Matteo", "Meadows", WIRRAL, "Community nurse"),
    ("staff.tara", "Tara", "Tolland", CCC, "Education facilitator"),
    ("staff.carys", "Carys", "Crane", CMCA, "Careers adviser"),
    ("staff.nathan", "Nathan", "Nutley", NHSE, "Programme manager"),
    ("staff.idris", "Idris", "Ingleby", CCC, "Clinical educator"),
]
GUESTS = [
    ("Edwin Elstow", NHSE, "Engagement officer"),
    ("Cora Calloway", CCC, "Cancer awareness nurse"),
    ("Delia Dunmore", CCC, "Dietitian"),
    ("Wendell Wick", WIRRAL, "Health and wellbeing coach"),
    ("Ivor Ives", CCC, "Clinical trials coordinator"),
    ("Willa Wrenfield", WIRRAL, "Speech and language therapy assistant"),
    ("Mabel Millward", MACMILLAN, "Benefits adviser"),
    ("Carl Crossley", CCC, "Pharmacy technician"),
    ("Mina Marsh", CCC, "Healthcare assistant"),
    ("Wyn Whitlow", WIRRAL, "Occupational therapist"),
    ("Marisol Merriman", MACMILLAN, "Volunteer coordinator"),
    ("Colm Corley", CCC, "Estates and porter supervisor"),
    ("Tessa Thornbury", CCC, "Patient experience lead"),
    ("Nell Northam", NHSE, "Apprenticeship lead"),
    ("Ina Ingram", CCC, "Medical secretary"),
    ("Ivo Isley", CCC, "Radiotherapy physicist"),
]


# Job profiles each session features, by title (profiles/demo.py makes them).
MORNING_PROFILES = (
    "Diagnostic radiographer",
    "Therapeutic radiographer",
    "Cancer support worker",
    "Chemotherapy nurse",
    "Macmillan information and support worker",
)
INTRO_PROFILES = ("Clinical nurse specialist", "Cancer care navigator", "Therapeutic radiographer")


def _t(text: str) -> datetime.time:
    return datetime.time.fromisoformat(text)


def seed(ctx: DemoContext) -> None:
    event = ctx.event
    cancer_group = ctx.objects["cancer_group"]
    cancer_area = cancer_group.service_area
    organiser = ctx.objects["organiser"]

    rooms = {
        name: Room.objects.create(event=event, name=name, capacity=capacity, accessibility_notes=notes)
        for name, capacity, notes in ROOMS
    }
    # Organisations and guests outlive an event (`seed_demo --reset` removes the event and its accounts only).
    organisations = {
        name: Organisation.objects.get_or_create(name=name)[0] for name in (CCC, WIRRAL, MACMILLAN, NHSE, CMCA)
    }

    presenters: dict[str, Presenter] = {}
    for user in ctx.objects["staff"]:
        organisation, job_title = STAFF_ORGANISATIONS[user.username]
        presenters[user.first_name] = services.presenter_profile_save(
            user=user, organisation=organisations[organisation], job_title=job_title
        )
    for username, first, last, organisation, job_title in MORE_STAFF:
        user = ctx.make_user(username, first, last, role=PRESENTERS)
        presenters[first] = services.presenter_profile_save(
            user=user, organisation=organisations[organisation], job_title=job_title
        )
    for name, organisation, job_title in GUESTS:
        presenters[name.split()[0]] = Presenter.objects.filter(
            user=None, guest_name=name, organisation=organisations[organisation]
        ).first() or services.guest_presenter_create(
            name=name, organisation=organisations[organisation], job_title=job_title
        )

    def people(*names: str) -> list[Presenter]:
        return [presenters[name] for name in names]

    job_profiles = {profile.title: profile for profile in ctx.objects["job_profiles"]}

    def careers(*titles: str) -> list:
        return [job_profiles[title] for title in titles]

    def session(title, kind, day, start, end, room, who, description="", profiles=(), **audience):
        details = services.SessionDetails(
            title=title,
            kind=kind,
            description=description,
            service_area_id=cancer_area.pk,
            day_index=day,
            starts_at=_t(start),
            ends_at=_t(end),
            room=rooms[room],
            presenters=people(*who),
            featured_profiles=careers(*profiles),
            **audience,
        )
        return services.session_create(event=event, by=organiser, details=details, state=SessionState.SCHEDULED)

    group = {"home_groups": [cancer_group]}
    base = "Cancer services base room"
    cancer_sessions = [
        session(
            "Ice breaker, expectations for the week and cancer awareness",
            SessionKind.ICE_BREAKER,
            0,
            "09:30",
            "12:00",
            base,
            ("Carla", "Edwin", "Cora"),
            "Getting to know each other, what the week holds, and the signs of cancer everyone should know.",
            ("Cancer care navigator", "Cancer support worker"),
            **group,
        ),
        session(
            "Morning led by NHS England",
            SessionKind.TALK,
            1,
            "09:30",
            "12:30",
            base,
            ("Nadia", "Rhys", "Sunita", "Tomas", "Maya"),
            "Diagnostic radiography; supportive roles; treatments: chemotherapy and radiotherapy; Macmillan: how we "
            "support patients, their families and carers.",
            MORNING_PROFILES,
            **group,
        ),
        session(
            "The benefits of prehabilitation for cancer patients before surgery or treatment",
            SessionKind.WORKSHOP,
            2,
            "09:30",
            "11:30",
            base,
            ("Piers", "Delia", "Wendell"),
            "How exercise, diet and wellbeing help patients get ready for treatment.",
            ("Prehabilitation exercise specialist", "Physiotherapist", "Dietitian"),
            **group,
        ),
        session(
            "Clinical research",
            SessionKind.TALK,
            3,
            "09:30",
            "11:00",
            base,
            ("Rosa", "Ivor"),
            "How clinical trials find better treatments, and the roles that run them.",
            ("Clinical research practitioner",),
            **group,
        ),
        session(
            "Speech and language therapy",
            SessionKind.WORKSHOP,
            3,
            "11:15",
            "12:30",
            base,
            ("Sian", "Willa"),
            "Helping patients to speak, eat and drink during and after treatment.",
            ("Speech and language therapist",),
            **group,
        ),
    ]
    marketplace = ("Marcus", "Megan", "Matteo", "Mabel", "Carl", "Mina", "Wyn", "Marisol", "Colm", "Tessa")
    rotation = services.rotation_create(
        home_group=cancer_group,
        title="Marketplace, campus tour and careers info",
        service_area_id=cancer_area.pk,
        activities=[
            services.Activity(
                "Marketplace",
                SessionKind.MARKETPLACE,
                rooms["Marketplace hall"],
                people(*marketplace),
                "Stands from across cancer services: meet the people and try the kit.",
                featured_profiles=list(job_profiles.values()),
            ),
            services.Activity(
                "Campus tour", SessionKind.TOUR, rooms["Campus tour meeting point"], people("Tara", "Ina")
            ),
            services.Activity(
                "Creating careers info including next steps",
                SessionKind.CAREERS_INFO,
                rooms["Careers room"],
                people("Carys", "Nell"),
                "Make your own careers sheet: routes in, qualifications and next steps.",
                featured_profiles=careers("Healthcare assistant", "Phlebotomist", "Pharmacy technician"),
            ),
        ],
        day_index=4,
        first_start=_t("09:30"),
        slot_minutes=45,
        by=organiser,
        seed=ctx.rng.randrange(1_000_000),
    )
    cancer_sessions += list(rotation.sessions.order_by("starts_at", "title"))
    cancer_sessions.append(
        session(
            "Review of the week with NHS England",
            SessionKind.REVIEW,
            4,
            "13:00",
            "14:30",
            "Lecture theatre",
            ("Nathan", "Nadia", "Carla"),
            "What we learnt, what comes next, and a survey about the week.",
            **group,
        )
    )

    # Four visiting home groups each come for one introduction, at different times.
    visiting = []
    intro_times = [(0, "13:00", "14:30"), (1, "13:30", "15:00"), (2, "13:00", "14:30"), (3, "13:30", "15:00")]
    intro_presenters = [("Idris", "Ivo", "Cora"), ("Idris", "Ivo", "Rhys"), ("Idris", "Ivo"), ("Idris", "Ivo", "Rosa")]
    for home_group, (day, start, end), who in zip(
        ctx.objects["visiting_groups"], intro_times, intro_presenters, strict=True
    ):
        visit, _ = GroupVisit.objects.get_or_create(home_group=home_group, service_area=cancer_area)
        visiting.append(
            session(
                "Introduction to cancer and overview of roles within cancer services",
                SessionKind.TALK,
                day,
                start,
                end,
                "Seminar room 2",
                who,
                "A broad overview of cancer and the many roles that support patients along their pathway.",
                INTRO_PROFILES,
                visits=[visit],
            )
        )

    # A presenter has said when they cannot come; the timetable keeps clear of it.
    Unavailability.objects.create(
        presenter=presenters["Rhys"],
        event=event,
        day_index=2,
        starts_at=_t("09:00"),
        ends_at=_t("12:00"),
        note="Clinic",
    )

    ctx.objects["public_timetables"] = {
        home_group.pk: services.public_timetable_get_or_create(home_group=home_group)
        for home_group in [cancer_group, *ctx.objects["visiting_groups"]]
    }
    ctx.objects["rooms"] = rooms
    ctx.objects["presenters"] = list(presenters.values())
    ctx.objects["cancer_sessions"] = cancer_sessions
    ctx.objects["cancer_rotation"] = rotation
    ctx.objects["sessions"] = cancer_sessions + visiting
    link = ctx.objects["public_timetables"][cancer_group.pk]
    ctx.out.write(f"Timetable: {len(ctx.objects['sessions'])} sessions; the cancer group's week is at {link.path}\n")
