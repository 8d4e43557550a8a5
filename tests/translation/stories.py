"""An original wire-style story full of tricky figures, with hand-made translations."""

FIGURES_EN = [
    "Aid convoy reaches Aleppo as 250,000 wait for food",
    "ALEPPO — The 21st aid convoy of the year reached the city on Tuesday, "
    "12 March 2024, carrying 1,200 tonnes of flour for more than 250,000 people.",
    '"We counted 3.5 trucks per hour," a spokesman for Nour Al-Din Al-Zenki told Reuters.',
    "Food prices have risen 12.5% since 1982, and the appeal has raised $1.2 billion "
    "of the 4.5 million dollars needed in March.",
    "It was the 3rd convoy to arrive in 2024; 0.75 of the cargo was wheat.",
]

FIGURES_PT = [
    "Comboio de ajuda chega a Aleppo enquanto 250.000 esperam por comida",
    "ALEPPO — O 21º comboio de ajuda do ano chegou à cidade na terça-feira, "
    "12 de março de 2024, levando 1.200 toneladas de farinha para mais de 250.000 pessoas.",
    '"Contamos 3,5 caminhões por hora", disse à Reuters um porta-voz de Nour Al-Din Al-Zenki.',
    "Os preços dos alimentos subiram 12,5% desde 1982, e o apelo arrecadou US$ 1,2 bilhão "
    "dos 4,5 milhões de dólares necessários em março.",
    "Foi o 3º comboio a chegar em 2024; 0,75 da carga era trigo.",
]

FIGURES_ES = [
    "Un convoy de ayuda llega a Alepo mientras 250.000 esperan comida",
    "ALEPO — El 21.º convoy de ayuda del año llegó a la ciudad el martes "
    "12 de marzo de 2024 con 1.200 toneladas de harina para más de 250.000 personas.",
    '"Contamos 3,5 camiones por hora", dijo a Reuters un portavoz de Nour Al-Din Al-Zenki.',
    "Los precios de los alimentos han subido un 12,5 % desde 1982, y el llamamiento ha "
    "recaudado 1.200 millones de dólares de los 4,5 millones necesarios en marzo.",
    "Fue el 3.er convoy en llegar en 2024; 0,75 de la carga era trigo.",
]
