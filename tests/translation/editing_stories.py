"""Original stories written for the editing rules' tests (never copied from real articles).

WIRE_EN is a wire-style report with Arabic names, titles, possessives, X-held
compounds, relative weekdays and ages; the RS_PT and RS_ES stories are local
reports from Rio Grande do Sul whose towns and surnames are ordinary words to
Apertium (Porto Alegre, Encantado, Arroio do Meio, Estrela; Campos, Prado).
"""

WIRE_EN = [
    "Rebels retake Handarat as truce talks stall",
    "ALEPPO — Insurgent fighters said on Sunday they had retaken the rebel-held district of "
    "Handarat, north of Aleppo, after Iran-backed forces pulled back overnight.",
    "The fighting, which has continued since Friday, killed at least 14 civilians, "
    "among them a six-year-old girl, according to the Syrian Observatory.",
    "Kareem Al-Masri's brother, a nurse at a field clinic, said the wounded arrived in "
    "cars because no ambulance could reach the area.",
    '"We buried eleven people yesterday," Mahmoud al-Haddad told Prensa Wire. '
    '"There is no water and no bread."',
    "US Secretary of State John Kerry said last Thursday that a ceasefire brokered with "
    "Moscow would hold, but forces loyal to Bashar al-Assad shelled the road on Saturday.",
    "Abdullah bin Rashid, a commander of the Nour al-Din al-Zenki group, said more than "
    "250,000 people remained trapped in the eastern part of the city.",
    "The 25-year-old medic said aid convoys had not entered Aleppo since 1 March.",
]

RS_PT = [
    "Chuva isola Encantado e Arroio do Meio",
    "A chuva que caiu desde segunda-feira isolou Encantado e Arroio do Meio, no Vale do "
    "Taquari, e deixou 2.300 pessoas fora de casa, segundo a Defesa Civil.",
    "O prefeito de Encantado, Rui Campos, disse que a ponte que liga a cidade a Estrela "
    "ficou submersa durante a noite.",
    "A professora Ana Prado, que mora em Arroio do Meio, contou que a água chegou ao "
    "segundo andar da escola.",
    "Em Porto Alegre, o governo estadual abriu três abrigos para as famílias.",
]

RS_ES = [
    "La lluvia aísla Encantado y Arroio do Meio",
    "La lluvia que cae desde el lunes aisló Encantado y Arroio do Meio, en el sur de "
    "Brasil, y dejó a 2.300 personas fuera de sus casas, según la Defensa Civil.",
    "El alcalde de Encantado, Rui Campos, dijo que el puente que une la ciudad con Estrela "
    "quedó sumergido durante la noche.",
    "La profesora Ana Prado, que vive en Arroio do Meio, contó que el agua llegó al "
    "segundo piso de la escuela.",
    "En Porto Alegre, el gobierno del estado abrió tres refugios para las familias.",
]

RS_NAMES = ["Encantado", "Arroio do Meio", "Estrela", "Porto Alegre", "Campos", "Prado"]
WIRE_NAMES = [
    "Handarat",
    "Kareem Al-Masri",
    "Mahmoud al-Haddad",
    "John Kerry",
    "Bashar al-Assad",
    "Abdullah bin Rashid",
    "al-Din al-Zenki",
]
WIRE_FIGURES = ["14", "250", "25", "1"]
